// Test helpers (excluded from the build): calls with key and region, registration step by step.
import { expect } from 'vitest';
import { call, testSandbox, type Reply } from '../../../test/helpers.js';
import type { ProviderTesting } from '../../../test/provider-testing.js';
import type { Sandbox } from '../../sandbox/index.js';
import { baanx as provider } from './index.js';

export const KEY = 'baa0c11e-0000-4000-8000-000000000001';

/** What the cross-provider suites send to be Baanx's default client. */
export const testing: ProviderTesting = { auth: async () => ({ 'x-client-key': KEY }) };
export const OTHER_KEY = 'baa0c11e-0000-4000-8000-000000000002';
export const REVOKED_KEY = 'baa0c11e-0000-4000-8000-00000000dead';
export const CODE = '123456';
export const PASSWORD = 'x1x2x3x4y1y2y3y4!!';

export interface Opts {
  key?: string | null;
  us?: boolean;
  token?: string;
  headers?: Record<string, string>;
}

export const baanx = (
  sb: Sandbox,
  method: string,
  path: string,
  json?: unknown,
  o: Opts = {},
): Promise<Reply> =>
  call(sb, method, `/baanx${path}`, {
    json,
    headers: {
      ...(o.key === null ? {} : { 'x-client-key': o.key ?? KEY }),
      ...(o.us ? { 'x-us-env': 'true' } : {}),
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...o.headers,
    },
  });

export const expectError = (res: Reply, status: number, message: string) =>
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { message } });

const ok = (res: Reply, what: string) => {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

let emails = 0;
export const freshEmail = (domain = 'example.com') => `person-${++emails}@${domain}`;

export interface Registration {
  email: string;
  contactVerificationId: string;
  onboardingId: string;
  userId: string;
  o: Opts;
}

/** Step 1: email send + verify. */
export async function emailStep(
  sb: Sandbox,
  p: { email?: string; country?: string } & Opts = {},
): Promise<Registration> {
  const o: Opts = { key: p.key, us: p.us };
  const email = p.email ?? freshEmail();
  const { contactVerificationId } = ok(
    await baanx(sb, 'POST', '/v1/auth/register/email/send', { email }, o),
    'email/send',
  );
  const verified = ok(
    await baanx(
      sb,
      'POST',
      '/v1/auth/register/email/verify',
      {
        email,
        password: PASSWORD,
        verificationCode: CODE,
        contactVerificationId,
        countryOfResidence: p.country ?? (p.us ? 'US' : 'GB'),
        allowMarketing: true,
        allowSms: true,
      },
      o,
    ),
    'email/verify',
  );
  return {
    email,
    contactVerificationId,
    onboardingId: verified.onboardingId,
    userId: verified.user.id,
    o,
  };
}

export const PHONE = { phoneCountryCode: '+44', phoneNumber: '7400846282' };

/** Step 2: phone send + verify. */
export async function phoneStep(sb: Sandbox, r: Registration) {
  ok(
    await baanx(
      sb,
      'POST',
      '/v1/auth/register/phone/send',
      { ...PHONE, contactVerificationId: r.contactVerificationId },
      r.o,
    ),
    'phone/send',
  );
  return ok(
    await baanx(
      sb,
      'POST',
      '/v1/auth/register/phone/verify',
      {
        onboardingId: r.onboardingId,
        ...PHONE,
        contactVerificationId: r.contactVerificationId,
        verificationCode: CODE,
      },
      r.o,
    ),
    'phone/verify',
  );
}

/** Steps 1–2: where the KYC step (the seed) may come, "after phone verification is complete". */
export async function readyForKyc(
  sb: Sandbox,
  p: { email?: string; country?: string } & Opts = {},
): Promise<Registration> {
  const r = await emailStep(sb, p);
  await phoneStep(sb, r);
  return r;
}

/** Step 3 (the seed): the Veriff session URL. */
export const verificationStep = (
  sb: Sandbox,
  r: Registration,
  headers: Record<string, string> = {},
) =>
  baanx(
    sb,
    'POST',
    '/v1/auth/register/verification',
    { onboardingId: r.onboardingId },
    { ...r.o, headers },
  );

export const DETAILS = {
  firstName: 'John',
  lastName: 'Doe',
  dateOfBirth: '1990-01-01',
  countryOfNationality: 'GB',
};
export const detailsStep = (sb: Sandbox, r: Registration, body: Record<string, unknown> = {}) =>
  baanx(
    sb,
    'POST',
    '/v1/auth/register/personal-details',
    { onboardingId: r.onboardingId, ...DETAILS, ...(r.o.us ? { ssn: '123456789' } : {}), ...body },
    r.o,
  );

export const ADDRESS = {
  addressLine1: '23 Werrington Bridge Rd',
  addressLine2: 'Milking Nook',
  city: 'Peterborough',
  zip: 'PE6 7PP',
  isSameMailingAddress: true,
};
export const addressStep = (sb: Sandbox, r: Registration, body: Record<string, unknown> = {}) =>
  baanx(
    sb,
    'POST',
    '/v1/auth/register/address',
    { onboardingId: r.onboardingId, ...ADDRESS, ...(r.o.us ? { usState: 'CA' } : {}), ...body },
    r.o,
  );

/** Steps 1–5 with the same mailing address: a registered user and an access token. */
export async function register(
  sb: Sandbox,
  p: { email?: string; country?: string; lastName?: string; kyc?: boolean } & Opts = {},
) {
  const r = await emailStep(sb, p);
  await phoneStep(sb, r);
  const sessionUrl: string | null = p.kyc
    ? ok(await verificationStep(sb, r), 'verification').sessionUrl
    : null;
  ok(await detailsStep(sb, r, p.lastName ? { lastName: p.lastName } : {}), 'personal-details');
  const { accessToken } = ok(await addressStep(sb, r), 'address');
  return { ...r, accessToken: accessToken as string, sessionUrl };
}

export const sessionIdOf = (url: string) => url.split('/').pop()!;
export const pagePath = (url: string) => new URL(url).pathname;

export const move = (sb: Sandbox, sessionId: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${sessionId}/transition`, { json: { state, reason } });
export const advance = (sb: Sandbox, by: string, key = KEY) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'baanx', tenant: key, by } });

export const stateOf = async (sb: Sandbox, r: Registration) =>
  (await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`, undefined, r.o)).body
    .verificationState as string;

/** A sandbox with only Baanx, for the registration suites. */
export const sandbox = () => testSandbox({ providers: [provider] });
