// Ledger Live's Baanx test client against the sandbox: the Baanx request sequence it makes, as far as
// providers.md describes it, and a check that each answer is one the client accepts.
//
// Source: github.com/LedgerHQ/ledger-live, e2e/tooling/baanx-test-client (no commit is given in
// providers.md). The client itself was not read for this file; everything below comes from
// /work/shared/reference/providers.md:
//   §5.11 (what Ledger's test client expects): sign-up starts with GET /v1/auth/settings, no user
//     auth, {countries:[{id, name, iso3166alpha2, callingCode, canSignUp}], usStates:[{id, name,
//     postalAbbreviation, canSignUp}], links:{us:{…}, …}}; POST /v1/auth/login answers 200 for a user
//     who has not finished onboarding, with a non-null `phase` (ACCOUNT, PHONE_NUMBER,
//     PERSONAL_INFORMATION, PHYSICAL_ADDRESS), `phase: null` once registered; the parsed body
//     {phase, userId, isOtpRequired, phoneNumber, accessToken, verificationState, isLinked}; the
//     access token's lifetime taken as the documented 6 hours when the token is not a JWT.
//   §5.2 and §5.8: x-client-key on every call, Authorization: Bearer on the user calls, 498
//     "Invalid Token", access tokens valid 6 h.
//   §5.3, §5.6, §5.12 and src/providers/baanx/README.md: the registration paths and bodies (optional
//     fields sent as null), GET /v1/auth/register, GET /v1/user, GET /v1/user/verification, 401
//     {"message":"Not authenticated"}.
// No other header names are described there, so none are sent.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, testSandbox, type Reply } from '../helpers.js';

const KEY = 'baa0c11e-0000-4000-8000-000000000001';
const REVOKED = 'baa0c11e-0000-4000-8000-00000000dead';
const CODE = '123456'; // the sandbox's fixed email and SMS code
const PASSWORD = 'ledger-E2e-Passw0rd';
const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

type Json = Record<string, unknown>;

function client(sb: Sandbox, key = KEY) {
  return (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
    call<Json>(sb, method, `/baanx${path}`, {
      headers: {
        'x-client-key': key,
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

const advance = (sb: Sandbox, by: number) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'baanx', tenant: KEY, by } });

/** The login fields the client parses (§5.11). */
function loginOf(res: Reply<Json>) {
  expect(res.status).toBe(200);
  const b = res.body;
  for (const k of [
    'phase',
    'userId',
    'isOtpRequired',
    'phoneNumber',
    'accessToken',
    'verificationState',
    'isLinked',
  ])
    expect(b).toHaveProperty(k);
  expect(typeof b.accessToken).toBe('string');
  expect(typeof b.userId).toBe('string');
  expect(typeof b.isOtpRequired).toBe('boolean');
  expect(typeof b.isLinked).toBe('boolean');
  expect(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED']).toContain(b.verificationState);
  return b as {
    phase: string | null;
    userId: string;
    accessToken: string;
    isOtpRequired: boolean;
    phoneNumber: string | null;
    verificationState: string;
    isLinked: boolean;
  };
}

/** The client's lifetime rule: a JWT carries its own exp; anything else lives the documented 6 h. */
const isJwt = (token: string) => token.split('.').length === 3;

describe('Ledger Live Baanx test client (ledger-live e2e/tooling/baanx-test-client) replayed', () => {
  it('settings, registration with login answering each phase, then user and verification reads', async () => {
    const sb = testSandbox();
    const api = client(sb);
    const email = 'ledger-e2e@example.com';

    const settings = await api('GET', '/v1/auth/settings');
    expect(settings.status).toBe(200);
    expect(Array.isArray(settings.body.countries)).toBe(true);
    expect(Array.isArray(settings.body.usStates)).toBe(true);
    expect(typeof (settings.body.links as Json).us).toBe('object');
    const fr = (settings.body.countries as Json[]).find((c) => c.iso3166alpha2 === 'FR')!;
    expect(fr).toMatchObject({ canSignUp: true });
    expect(typeof fr.callingCode).toBe('string');

    const { contactVerificationId } = (await api('POST', '/v1/auth/register/email/send', { email }))
      .body as { contactVerificationId: string };
    const verified = await api('POST', '/v1/auth/register/email/verify', {
      email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'FR',
      allowMarketing: false,
      allowSms: false,
    });
    expect(verified.status).toBe(200);
    const onboardingId = verified.body.onboardingId as string;
    expect(loginOf(await api('POST', '/v1/auth/login', { email, password: PASSWORD })).phase).toBe(
      'PHONE_NUMBER',
    );

    const phone = { phoneCountryCode: `+${fr.callingCode as string}`, phoneNumber: '612345678' };
    expect(
      (await api('POST', '/v1/auth/register/phone/send', { ...phone, contactVerificationId }))
        .status,
    ).toBe(200);
    expect(
      (
        await api('POST', '/v1/auth/register/phone/verify', {
          onboardingId,
          ...phone,
          contactVerificationId,
          verificationCode: CODE,
        })
      ).status,
    ).toBe(200);
    expect(loginOf(await api('POST', '/v1/auth/login', { email, password: PASSWORD })).phase).toBe(
      'PERSONAL_INFORMATION',
    );

    // KYC step, then the onboarding status read with its verificationState.
    const session = await api('POST', '/v1/auth/register/verification', { onboardingId });
    expect(session.status).toBe(200);
    expect(typeof session.body.sessionUrl).toBe('string');
    const status = await api('GET', `/v1/auth/register?onboardingId=${onboardingId}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ email, verificationState: 'UNVERIFIED' });

    // Optional fields sent as null (ssn for a non-US resident, addressLine2, usState).
    expect(
      (
        await api('POST', '/v1/auth/register/personal-details', {
          onboardingId,
          firstName: 'Jean',
          lastName: 'Dupont',
          dateOfBirth: '1985-06-15',
          countryOfNationality: 'FR',
          ssn: null,
        })
      ).status,
    ).toBe(200);
    expect(loginOf(await api('POST', '/v1/auth/login', { email, password: PASSWORD })).phase).toBe(
      'PHYSICAL_ADDRESS',
    );
    const address = await api('POST', '/v1/auth/register/address', {
      onboardingId,
      addressLine1: '10 Rue de Rivoli',
      addressLine2: null,
      city: 'Paris',
      zip: '75001',
      usState: null,
      isSameMailingAddress: true,
    });
    expect(address.status).toBe(200);
    expect(typeof address.body.accessToken).toBe('string');

    const login = loginOf(await api('POST', '/v1/auth/login', { email, password: PASSWORD }));
    expect(login).toMatchObject({ phase: null, isOtpRequired: false, isLinked: false });
    const user = await api('GET', '/v1/user', undefined, login.accessToken);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ email, verificationState: login.verificationState });
    const again = await api('GET', '/v1/user/verification', undefined, login.accessToken);
    expect(again.status).toBe(200);
    expect(typeof again.body.sessionUrl).toBe('string');
  });

  it('a non-JWT access token lives the documented 6 hours, and a new login replaces it', async () => {
    const sb = testSandbox();
    const api = client(sb);
    const email = 'ledger-token@example.com';
    const { contactVerificationId } = (await api('POST', '/v1/auth/register/email/send', { email }))
      .body as { contactVerificationId: string };
    const { onboardingId } = (
      await api('POST', '/v1/auth/register/email/verify', {
        email,
        password: PASSWORD,
        verificationCode: CODE,
        contactVerificationId,
        countryOfResidence: 'GB',
        allowMarketing: false,
        allowSms: true,
      })
    ).body as { onboardingId: string };
    const phone = { phoneCountryCode: '+44', phoneNumber: '7400846282' };
    await api('POST', '/v1/auth/register/phone/send', { ...phone, contactVerificationId });
    await api('POST', '/v1/auth/register/phone/verify', {
      onboardingId,
      ...phone,
      contactVerificationId,
      verificationCode: CODE,
    });
    await api('POST', '/v1/auth/register/personal-details', {
      onboardingId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1990-01-01',
      countryOfNationality: 'GB',
    });
    await api('POST', '/v1/auth/register/address', {
      onboardingId,
      addressLine1: '1 Ledger Way',
      city: 'London',
      zip: 'N1 9GU',
      isSameMailingAddress: true,
    });

    const { accessToken } = loginOf(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
    );
    expect(isJwt(accessToken)).toBe(false); // so the client assumes 6 h

    await advance(sb, SIX_HOURS_MS - 60_000);
    expect((await api('GET', '/v1/user', undefined, accessToken)).status).toBe(200);
    await advance(sb, 2 * 60_000);
    expect(await api('GET', '/v1/user', undefined, accessToken)).toMatchObject({
      status: 401,
      body: { message: 'Not authenticated' },
    });

    const fresh = loginOf(await api('POST', '/v1/auth/login', { email, password: PASSWORD }));
    expect(fresh.accessToken).not.toBe(accessToken);
    expect((await api('GET', '/v1/user', undefined, fresh.accessToken)).status).toBe(200);
  });

  it('meets the typed errors: 498 for a refused client key, 401 without a valid token', async () => {
    const sb = testSandbox();
    for (const key of [REVOKED, 'not-a-uuid']) {
      expect(await client(sb, key)('GET', '/v1/auth/settings')).toMatchObject({
        status: 498,
        body: { message: 'Invalid Token' },
      });
      expect(
        await client(sb, key)('POST', '/v1/auth/login', {
          email: 'x@example.com',
          password: PASSWORD,
        }),
      ).toMatchObject({ status: 498, body: { message: 'Invalid Token' } });
    }
    const api = client(sb);
    for (const path of ['/v1/user', '/v1/user/verification'])
      expect(await api('GET', path, undefined, 'not-a-token')).toMatchObject({
        status: 401,
        body: { message: 'Not authenticated' },
      });
  });
});
