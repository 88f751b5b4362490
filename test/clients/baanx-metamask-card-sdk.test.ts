// MetaMask mobile's card SDK against the sandbox: the Baanx request sequence it makes, as far as
// providers.md describes it, and a check that each answer is one the SDK accepts.
//
// Source: github.com/MetaMask/metamask-mobile, app/components/UI/Card/sdk/CardSDK.ts (no commit is
// given in providers.md). The SDK itself was not read for this file; everything below comes from
// /work/shared/reference/providers.md:
//   §5.11 (what MetaMask's card SDK expects): sign-up starts with GET /v1/auth/settings, no user
//     auth, answering {countries:[{id, name, iso3166alpha2, callingCode, canSignUp}],
//     usStates:[{id, name, postalAbbreviation, canSignUp}], links:{us:{…}, …}}; POST /v1/auth/login
//     answers 200 for a user who has not finished onboarding, with a non-null `phase` (ACCOUNT,
//     PHONE_NUMBER, PERSONAL_INFORMATION, PHYSICAL_ADDRESS), and `phase: null` once registered; the
//     parsed login body {phase, userId, isOtpRequired, phoneNumber, accessToken, verificationState,
//     isLinked}.
//   §5.2: x-client-key on every call; Authorization: Bearer on the post-registration calls; 498
//     "Invalid Token" for a refused client key.
//   §5.3, §5.12 and src/providers/baanx/README.md: the registration paths and bodies (the phone,
//     personal-details and address paths), GET /v1/user, GET /v1/user/verification.
//   §5.6: 401 {"message":"Not authenticated"} on the user calls.
// Header names other than x-client-key, Authorization and Content-Type are not described there, so
// none are sent.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, testSandbox, type Reply } from '../helpers.js';

const KEY = 'baa0c11e-0000-4000-8000-000000000001';
const REVOKED = 'baa0c11e-0000-4000-8000-00000000dead';
const CODE = '123456'; // the sandbox's fixed email and SMS code
const PASSWORD = 'metamask-Card-2024!';

type Json = Record<string, unknown>;

/** One SDK call: x-client-key always, a Bearer token on the user calls, JSON bodies. */
function sdk(sb: Sandbox, key = KEY) {
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

const PHASES = ['ACCOUNT', 'PHONE_NUMBER', 'PERSONAL_INFORMATION', 'PHYSICAL_ADDRESS'];

/** The login body the SDK parses (§5.11): every field present with the type it reads. */
function expectLoginAnswer(res: Reply<Json>, phase: string | null) {
  expect(res.status).toBe(200);
  const b = res.body;
  expect(Object.keys(b).sort()).toEqual(
    [
      'accessToken',
      'isLinked',
      'isOtpRequired',
      'phase',
      'phoneNumber',
      'userId',
      'verificationState',
    ].sort(),
  );
  expect(b.phase).toBe(phase);
  if (phase !== null) expect(PHASES).toContain(b.phase);
  expect(typeof b.userId).toBe('string');
  expect(typeof b.accessToken).toBe('string');
  expect(typeof b.isOtpRequired).toBe('boolean');
  expect(typeof b.isLinked).toBe('boolean');
  expect(b.phoneNumber === null || typeof b.phoneNumber === 'string').toBe(true);
  expect(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED']).toContain(b.verificationState);
  return b;
}

describe('MetaMask card SDK (metamask-mobile app/components/UI/Card/sdk/CardSDK.ts) replayed', () => {
  it('reads the settings first, registers step by step, and logs in mid-registration', async () => {
    const sb = testSandbox();
    const api = sdk(sb);
    const email = 'card-holder@example.com';

    // Settings first, with no user token: the countries and US states the SDK offers.
    const settings = await api('GET', '/v1/auth/settings');
    expect(settings.status).toBe(200);
    const countries = settings.body.countries as Json[];
    const usStates = settings.body.usStates as Json[];
    expect(countries.length).toBeGreaterThan(0);
    for (const c of countries) {
      expect(typeof c.id).toBe('string');
      expect(typeof c.name).toBe('string');
      expect(c.iso3166alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.callingCode).toMatch(/^[0-9]+$/);
      expect(typeof c.canSignUp).toBe('boolean');
    }
    for (const s of usStates) {
      expect(typeof s.id).toBe('string');
      expect(typeof s.name).toBe('string');
      expect(typeof s.postalAbbreviation).toBe('string');
      expect(typeof s.canSignUp).toBe('boolean');
    }
    expect(typeof (settings.body.links as Json).us).toBe('object');
    const gb = countries.find((c) => c.iso3166alpha2 === 'GB')!;
    expect(gb.canSignUp).toBe(true);

    // Step 1: email.
    const sent = await api('POST', '/v1/auth/register/email/send', { email });
    expect(sent.status).toBe(200);
    const contactVerificationId = sent.body.contactVerificationId as string;
    const verified = await api('POST', '/v1/auth/register/email/verify', {
      email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: gb.iso3166alpha2,
      allowMarketing: false,
      allowSms: true,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.hasAccount).toBe(false);
    const onboardingId = verified.body.onboardingId as string;
    expect(typeof onboardingId).toBe('string');

    // A login now is a 200 that says where registration stopped.
    expectLoginAnswer(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
      'PHONE_NUMBER',
    );

    // Step 2: phone, with the calling code the settings gave.
    const phone = { phoneCountryCode: `+${gb.callingCode as string}`, phoneNumber: '7400846282' };
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
    expectLoginAnswer(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
      'PERSONAL_INFORMATION',
    );

    // Step 3, KYC: the Veriff session URL for the onboarding.
    const session = await api('POST', '/v1/auth/register/verification', { onboardingId });
    expect(session.status).toBe(200);
    expect(session.body.sessionUrl).toMatch(/^https?:\/\//);

    // Steps 4 and 5: personal details, then the physical address (completes registration).
    expect(
      (
        await api('POST', '/v1/auth/register/personal-details', {
          onboardingId,
          firstName: 'Ada',
          lastName: 'Lovelace',
          dateOfBirth: '1990-01-01',
          countryOfNationality: 'GB',
        })
      ).status,
    ).toBe(200);
    expectLoginAnswer(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
      'PHYSICAL_ADDRESS',
    );
    const address = await api('POST', '/v1/auth/register/address', {
      onboardingId,
      addressLine1: '1 Card Street',
      city: 'London',
      zip: 'N1 9GU',
      isSameMailingAddress: true,
    });
    expect(address.status).toBe(200);
    expect(typeof address.body.accessToken).toBe('string');

    // Registered: phase null, and the token reads the user and a verification URL.
    const login = expectLoginAnswer(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
      null,
    );
    expect(login.isOtpRequired).toBe(false);
    const token = login.accessToken as string;
    const user = await api('GET', '/v1/user', undefined, token);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ email, verificationState: 'UNVERIFIED' });
    const reverification = await api('GET', '/v1/user/verification', undefined, token);
    expect(reverification.status).toBe(200);
    expect(reverification.body.sessionUrl).toMatch(/^https?:\/\//);
  });

  it('gets phase ACCOUNT when the onboarding expired before it was finished', async () => {
    const sb = testSandbox();
    const api = sdk(sb);
    const email = 'late@example.com';
    const { contactVerificationId } = (await api('POST', '/v1/auth/register/email/send', { email }))
      .body as { contactVerificationId: string };
    await api('POST', '/v1/auth/register/email/verify', {
      email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: true,
      allowSms: false,
    });
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'baanx', tenant: KEY, by: '61m' },
    });
    expectLoginAnswer(
      await api('POST', '/v1/auth/login', { email, password: PASSWORD }),
      'ACCOUNT',
    );
  });

  it('meets the typed errors: 498 for a refused client key, 401 for a bad token', async () => {
    const sb = testSandbox();
    expect(await sdk(sb, REVOKED)('GET', '/v1/auth/settings')).toMatchObject({
      status: 498,
      body: { message: 'Invalid Token' },
    });
    const api = sdk(sb);
    for (const path of ['/v1/user', '/v1/user/verification']) {
      expect(
        await api('GET', path, undefined, '00000000-0000-4000-8000-000000000000'),
      ).toMatchObject({ status: 401, body: { message: 'Not authenticated' } });
      expect(await api('GET', path)).toMatchObject({
        status: 401,
        body: { message: 'Not authenticated' },
      });
    }
  });
});
