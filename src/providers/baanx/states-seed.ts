// What Baanx's Pact provider states seed: a registration taken to a given step through Baanx's own
// endpoints, and Veriff's decision through the admin API.
import type { StateContext } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';

// Seeding goes through the vendor paths (the sandbox's email/SMS code is fixed) so a state is what a
// real client would have made, and through the admin API for Veriff's decision.

const DEFAULT_KEY = 'baa0c11e-0000-4000-8000-000000000001';
// Baanx emails and texts a code; the sandbox accepts exactly this one (fixtures/baanx/codes.json).
const CODE = '123456';
const PASSWORD = 'pact-Passw0rd-123';
export const PHONE = { phoneCountryCode: '+44', phoneNumber: '7400846282' };

export type Params = Readonly<Record<string, unknown>>;
export const str = (v: unknown, fallback: string) =>
  typeof v === 'string' && v !== '' ? v : fallback;
export const keyOf = (p: Params) => str(p.clientKey, DEFAULT_KEY).toLowerCase();
export const headers = (p: Params) => ({
  'x-client-key': keyOf(p),
  ...(p.us === true || p.us === 'true' ? { 'x-us-env': 'true' } : {}),
});

let seq = 0;
/** A fresh email per seeding: an email registers once per client and region. */
export const freshEmail = () => `pact-${++seq}@example.com`;

export async function post<T>(
  ctx: StateContext,
  p: Params,
  step: string,
  json: unknown,
): Promise<T> {
  return (
    await ctx.request<T>('POST', `/baanx/v1/auth/register/${step}`, { headers: headers(p), json })
  ).body;
}

/** Step 1, email send and verify: the onboarding exists, its TTL running. */
export async function start(ctx: StateContext, p: Params) {
  const email = str(p.email, freshEmail());
  const { contactVerificationId } = await post<{ contactVerificationId: string }>(
    ctx,
    p,
    'email/send',
    { email },
  );
  const verified = await post<{ onboardingId: string; user: { id: string } }>(
    ctx,
    p,
    'email/verify',
    {
      email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: str(p.countryOfResidence, 'GB'),
      allowMarketing: false,
      allowSms: true,
    },
  );
  return {
    email,
    contactVerificationId,
    onboardingId: verified.onboardingId,
    userId: verified.user.id,
  };
}

/** Step 2, phone send and verify: the KYC step (the seed) may come next. */
export async function verifyPhone(
  ctx: StateContext,
  p: Params,
  r: Awaited<ReturnType<typeof start>>,
) {
  await post(ctx, p, 'phone/send', { ...PHONE, contactVerificationId: r.contactVerificationId });
  await post(ctx, p, 'phone/verify', {
    onboardingId: r.onboardingId,
    ...PHONE,
    contactVerificationId: r.contactVerificationId,
    verificationCode: CODE,
  });
  return r;
}

export const CLIENT_PARAMS = {
  clientKey: `the x-client-key (default ${DEFAULT_KEY})`,
  us: 'true for the US region (x-us-env)',
};
export const PERSON_PARAMS = {
  ...CLIENT_PARAMS,
  email: 'default: a fresh one',
  countryOfResidence: 'default GB (non-US: no ssn or usState needed)',
};

const truthy = (v: unknown) => v === true || v === 'true';

/** Step 3, the seed: the Veriff session of an onboarding whose phone is verified. */
export async function openSession(ctx: StateContext, p: Params, onboardingId: string) {
  const { sessionUrl } = await post<{ sessionUrl: string }>(ctx, p, 'verification', {
    onboardingId,
  });
  return { sessionUrl, sessionId: sessionUrl.split('/').pop()! };
}

/** Steps 4 and 5 (a non-US resident): registration completes with an access token. */
async function complete(ctx: StateContext, p: Params, onboardingId: string) {
  await post(ctx, p, 'personal-details', {
    onboardingId,
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1990-01-01',
    countryOfNationality: 'GB',
  });
  const done = await post<{ accessToken: string }>(ctx, p, 'address', {
    onboardingId,
    addressLine1: '1 Pact Street',
    city: 'London',
    zip: 'N1 9GU',
    isSameMailingAddress: true,
  });
  return done.accessToken;
}

/** What the operator or the user did after registration: suspended, login code sent, code expired. */
async function afterRegistration(ctx: StateContext, p: Params, userId: string) {
  if (truthy(p.disabled)) {
    // Suspended by the operator: the documented 403 on Bearer calls and on login.
    await ctx.request('POST', `/_sandbox/providers/baanx/users/${userId}/disable`, {
      json: { disabled: true },
    });
  }
  if (!truthy(p.otpSent) && !truthy(p.otpExpired)) return;
  // An OTP user (@otp.baanx.test) asked for the login code; optionally past otpTtl.
  await ctx.request('POST', '/baanx/v1/auth/login/otp', { headers: headers(p), json: { userId } });
  if (truthy(p.otpExpired)) {
    const ttl = optionsOf(ctx.kit(keyOf(p))).otpTtl;
    await ctx.request('POST', '/_sandbox/clock/advance', {
      json: { provider: 'baanx', tenant: keyOf(p), by: ttl + 60_000 },
    });
  }
}

/** A registered user; Veriff's decision (VERIFIED or REJECTED; UNVERIFIED: none) made before completion. */
export async function register(ctx: StateContext, p: Params, decision: string) {
  const r = await verifyPhone(ctx, p, await start(ctx, p));
  if (decision !== 'UNVERIFIED') {
    const { sessionId } = await openSession(ctx, p, r.onboardingId);
    await ctx.request('POST', `/_sandbox/sessions/${sessionId}/transition`, {
      json: { state: decision },
    });
  }
  const accessToken = await complete(ctx, p, r.onboardingId);
  await afterRegistration(ctx, p, r.userId);
  return { onboardingId: r.onboardingId, accessToken, userId: r.userId, email: r.email };
}
