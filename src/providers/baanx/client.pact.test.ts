// Consumer pacts for Baanx: the reference client against Pact's mock server. Baanx sends no webhooks
// (partners poll the onboarding) and documents no rate limit, so there is no message pact and no 429.
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, settledFetch, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type BaanxClient, type BaanxError, baanxClient } from './client.js';
import { baanxErrors } from './errors.js';

const { like, eachLike, regex, fromProviderState } = MatchersV3;
const KEY = 'baa0c11e-0000-4000-8000-000000000001';
const REVOKED = 'baa0c11e-0000-4000-8000-00000000dead';
const OTHER = 'baa0c11e-0000-4000-8000-000000000002';
const CONTACT = '7c1b2d4e-5f60-4a71-8b92-a3b4c5d6e7f8';
const OTHER_CONTACT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const USER = 'e2a7c1d0-3b4f-4c5d-9e6f-7a8b9c0d1e2f';
const ONBOARDING = '0d1e9a28-4394-4619-83f9-1be3a6f6a4fc';
const TOKEN = '3f2d21e4-6765-4310-b7ee-160ebc479e43';
const PASSWORD = 'pact-Passw0rd-123'; // the provider states' password
const clientKey = { 'x-client-key': KEY };
const onboardingFromState = () => fromProviderState('${onboardingId}', ONBOARDING);
const contactFromState = () => fromProviderState('${contactVerificationId}', CONTACT);
const PHONE = { phoneCountryCode: '+44', phoneNumber: '7400846282' }; // the provider states' phone
/** email/verify as the client sends it, the contact from the state. */
const emailVerify = (over: Record<string, unknown> = {}) => ({
  email: 'ada@example.com',
  password: PASSWORD,
  verificationCode: '123456',
  contactVerificationId: CONTACT,
  countryOfResidence: 'GB',
  allowMarketing: false,
  allowSms: true,
  ...over,
});
const error = (message: string) => ({ message });
/** Transport scenarios by the error-table row they answer with. */
const FORCED = {
  internal_error: 'INTERNAL_SERVER_ERROR',
  rate_limited: 'TOO_MANY_REQUESTS',
  bad_gateway: 'BAD_GATEWAY',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  gateway_timeout: 'GATEWAY_TIMEOUT',
} as const;

const http = consumerPact('baanx-reference-client', 'baanx');
afterAll(() => http.publish());

const client = (baseUrl: string, key = KEY) =>
  baanxClient({ baseUrl, clientKey: key, fetch: settledFetch });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: BaanxError) => ({ status: e.status, message: e.message }),
  );

describe('Baanx reference client (consumer pact; Baanx sends no webhooks, so no message pact)', () => {
  it('sends the email code that starts a registration', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request to send the registration email code')
      .withRequest('POST', '/v1/auth/register/email/send', (b) =>
        b.headers(clientKey).jsonBody({ email: 'ada@example.com' }),
      )
      .willRespondWith(200, (b) => b.jsonBody({ contactVerificationId: uuid() }))
      .executeTest(async (mock) => {
        expect(
          (await client(mock.url).sendEmailCode('ada@example.com')).contactVerificationId,
        ).toMatch(/-/);
      }));

  it('gets the Veriff session URL for an onboarding', () =>
    http.pact
      .addInteraction()
      .given('a Baanx onboarding has a verified phone', { clientKey: KEY })
      .uponReceiving('a request for the Veriff session of an onboarding')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers(clientKey).jsonBody({ onboardingId: onboardingFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          sessionUrl: url(
            'http://127.0.0.1:4010/verify/baanx/9c4d5b5b-181c-4e4d-9f08-16048b71163a',
          ),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).verificationSession(ONBOARDING)).sessionUrl).toMatch(
          /^http/,
        );
      }));

  it('is refused with 498 for a revoked client key', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request with a revoked client key')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers({ 'x-client-key': REVOKED }).jsonBody({ onboardingId: ONBOARDING }),
      )
      .willRespondWith(498, (b) => b.jsonBody({ message: 'Invalid Token' }))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url, REVOKED).verificationSession(ONBOARDING))).toEqual({
          status: 498,
          message: 'Invalid Token',
        });
      }));

  it('is refused with 400 for a malformed onboarding id', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request for the Veriff session of a malformed onboarding id')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers(clientKey).jsonBody({ onboardingId: 'not-an-onboarding-id' }),
      )
      .willRespondWith(400, (b) => b.jsonBody({ message: 'Invalid onboarding ID' }))
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url).verificationSession('not-an-onboarding-id'))).status,
        ).toBe(400);
      }));

  it('is refused with 404 for an onboarding Baanx does not know', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request for the Veriff session of an unknown onboarding')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers(clientKey).jsonBody({ onboardingId: '00000000-0000-4000-8000-000000000000' }),
      )
      .willRespondWith(404, (b) => b.jsonBody({ message: 'Onboarding not found' }))
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url).verificationSession('00000000-0000-4000-8000-000000000000'),
            )
          ).status,
        ).toBe(404);
      }));

  it('is refused with 400 once the onboarding has expired', () =>
    http.pact
      .addInteraction()
      .given('a Baanx onboarding has expired', { clientKey: KEY })
      .uponReceiving('a request for the Veriff session of an expired onboarding')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers(clientKey).jsonBody({ onboardingId: onboardingFromState() }),
      )
      .willRespondWith(400, (b) => b.jsonBody({ message: 'Invalid onboarding ID' }))
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).verificationSession(ONBOARDING))).message).toBe(
          'Invalid onboarding ID',
        );
      }));

  it('polls the onboarding until Veriff has decided', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', {
        clientKey: KEY,
        email: 'ada@example.com',
        verificationState: 'VERIFIED',
      })
      .uponReceiving('a request for the status of a verified onboarding')
      .withRequest('GET', '/v1/auth/register', (b) =>
        b.headers(clientKey).query({ onboardingId: onboardingFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: uuid(ONBOARDING),
          email: 'ada@example.com',
          verificationState: 'VERIFIED',
          countryOfResidence: like('GB'),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).onboarding(ONBOARDING)).verificationState).toBe('VERIFIED');
      }));

  it("reads the signed-in user's profile", () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', { clientKey: KEY, email: 'ada@example.com' })
      .uponReceiving('a request for the profile with an access token')
      .withRequest('GET', '/v1/user', (b) =>
        b.headers({
          ...clientKey,
          authorization: fromProviderState('Bearer ${accessToken}', `Bearer ${TOKEN}`),
        }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: uuid(),
          email: 'ada@example.com',
          firstName: like('Ada'),
          lastName: like('Lovelace'),
          verificationState: 'UNVERIFIED',
          createdAt: isoTimestamp(),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).user(TOKEN)).verificationState).toBe('UNVERIFIED');
      }));

  it('is refused with 401 without an access token', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request for the profile without an access token')
      .withRequest('GET', '/v1/user', (b) => b.headers(clientKey))
      .willRespondWith(401, (b) => b.jsonBody({ message: 'Not authenticated' }))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).user(''))).toEqual({
          status: 401,
          message: 'Not authenticated',
        });
      }));
  it('is refused with 400 when the KYC step comes before phone verification', () =>
    http.pact
      .addInteraction()
      .given('a Baanx onboarding has started', { clientKey: KEY })
      .uponReceiving('a request for the Veriff session before phone verification')
      .withRequest('POST', '/v1/auth/register/verification', (b) =>
        b.headers(clientKey).jsonBody({ onboardingId: onboardingFromState() }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody({ message: 'Verification requires phone verification first' }),
      )
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).verificationSession(ONBOARDING))).toEqual({
          status: 400,
          message: 'Verification requires phone verification first',
        });
      }));

  it('logs in a person who stopped mid-registration and learns the phase', () =>
    http.pact
      .addInteraction()
      .given('a Baanx onboarding has started', { clientKey: KEY, email: 'grace@example.com' })
      .uponReceiving('a login before registration is complete')
      .withRequest('POST', '/v1/auth/login', (b) =>
        b.headers(clientKey).jsonBody({ email: 'grace@example.com', password: PASSWORD }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          accessToken: uuid(),
          userId: onboardingFromState(),
          isOtpRequired: false,
          phoneNumber: null,
          phase: 'PHONE_NUMBER',
          verificationState: 'UNVERIFIED',
          isLinked: false,
        }),
      )
      .executeTest(async (mock) => {
        const answer = await client(mock.url).login('grace@example.com', PASSWORD);
        expect(answer.phase).toBe('PHONE_NUMBER');
      }));

  it('is refused with 401 for a wrong password', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', { clientKey: KEY, email: 'ada@example.com' })
      .uponReceiving('a login with a wrong password')
      .withRequest('POST', '/v1/auth/login', (b) =>
        b.headers(clientKey).jsonBody({ email: 'ada@example.com', password: 'not-the-password' }),
      )
      .willRespondWith(401, (b) => b.jsonBody({ message: 'Invalid email or password' }))
      .executeTest(async (mock) => {
        expect(
          await rejection(client(mock.url).login('ada@example.com', 'not-the-password')),
        ).toEqual({ status: 401, message: 'Invalid email or password' });
      }));

  it('reads the registration settings before sign-up', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request for the registration settings')
      .withRequest('GET', '/v1/auth/settings', (b) => b.headers(clientKey))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          countries: eachLike({
            id: uuid(),
            name: like('United Kingdom'),
            iso3166alpha2: regex(/^[A-Z]{2}$/, 'GB'),
            callingCode: regex(/^[0-9]{1,4}$/, '44'),
            canSignUp: like(true),
          }),
          usStates: eachLike({
            id: uuid(),
            name: like('Alabama'),
            postalAbbreviation: regex(/^[A-Z]{2}$/, 'AL'),
            canSignUp: like(true),
          }),
          links: like({}),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).settings()).countries.length).toBeGreaterThan(0);
      }));

  it('is refused with 404 when asking a login OTP for an unknown user', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a login OTP request for an unknown user')
      .withRequest('POST', '/v1/auth/login/otp', (b) =>
        b.headers(clientKey).jsonBody({ userId: '00000000-0000-4000-8000-000000000000' }),
      )
      .willRespondWith(404, (b) => b.jsonBody({ message: 'User not found' }))
      .executeTest(async (mock) => {
        expect(
          await rejection(client(mock.url).sendLoginOtp('00000000-0000-4000-8000-000000000000')),
        ).toEqual({ status: 404, message: 'User not found' });
      }));

  // Every row of errors.ts, with its exact status and message: through the behaviour that answers it,
  // or, where Pact cannot provoke it by itself (an outage, a body over the limit, the later steps'
  // refusals, which need an onboarding past Veriff), forced once through "Baanx fails the next request".
  const ONBOARDING = '100a99cf-f4d3-4fa1-9be9-2e9828b20ebb';
  const personal = {
    onboardingId: ONBOARDING,
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1990-01-01',
    countryOfNationality: 'US',
  };
  const address = {
    onboardingId: ONBOARDING,
    addressLine1: '1 Main St',
    city: 'Austin',
    zip: '78701',
    isSameMailingAddress: false,
  };
  const mailing = {
    onboardingId: ONBOARDING,
    mailingAddressLine1: '2 Main St',
    mailingCity: 'Austin',
    mailingZip: '78701',
    mailingUsState: 'TX',
  };
  it.each([
    ['SSN_REQUIRED', '/v1/auth/register/personal-details', personal, (c: BaanxClient) => c.personalDetails(personal)],
    ['US_STATE_REQUIRED', '/v1/auth/register/address', address, (c: BaanxClient) => c.address(address)],
    ['MAILING_ADDRESS_US_ONLY', '/v1/auth/register/address', address, (c: BaanxClient) => c.address(address)],
    ['EMAIL_ALREADY_REGISTERED', '/v1/auth/register/address', address, (c: BaanxClient) => c.address(address)],
    ['MAILING_ADDRESS_NOT_EXPECTED', '/v1/auth/register/mailing-address', mailing, (c: BaanxClient) => c.mailingAddress(mailing)],
    ['internal_error', '/v1/auth/register/verification', { onboardingId: ONBOARDING }, (c: BaanxClient) => c.verificationSession(ONBOARDING)],
    ['PAYLOAD_TOO_LARGE', '/v1/auth/register/email/send', { email: 'ada@example.com' }, (c: BaanxClient) => c.sendEmailCode('ada@example.com')],
    ['rate_limited', '/v1/auth/register/email/send', { email: 'ada@example.com' }, (c: BaanxClient) => c.sendEmailCode('ada@example.com')],
    ['bad_gateway', '/v1/auth/register/email/send', { email: 'ada@example.com' }, (c: BaanxClient) => c.sendEmailCode('ada@example.com')],
    ['service_unavailable', '/v1/auth/register/email/send', { email: 'ada@example.com' }, (c: BaanxClient) => c.sendEmailCode('ada@example.com')],
    ['gateway_timeout', '/v1/auth/register/email/send', { email: 'ada@example.com' }, (c: BaanxClient) => c.sendEmailCode('ada@example.com')],
  ] as const)('is refused when Baanx answers %s at %s', (scenario, path, body, call) => {
    const row = baanxErrors[(FORCED as Record<string, keyof typeof baanxErrors>)[scenario] ?? (scenario as keyof typeof baanxErrors)];
    return http.pact
      .addInteraction()
      .given('Baanx fails the next request', { clientKey: KEY, scenario })
      .uponReceiving(`a request to ${path} answered with ${row.status} ${row.message}`)
      .withRequest('POST', path, (b) => b.headers(clientKey).jsonBody(body))
      .willRespondWith(row.status, (b) => b.jsonBody(error(row.message)))
      .executeTest(async (mock) => {
        expect(await rejection(call(client(mock.url)))).toEqual({ status: row.status, message: row.message });
      });
  }); // prettier-ignore

  it('is refused with 404 Not Found at a path Baanx does not have', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request for a path Baanx does not have')
      .withRequest('GET', '/v1/nothing-here', (b) => b.headers(clientKey))
      .willRespondWith(404, (b) => b.jsonBody(error('Not Found')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).request('GET', '/v1/nothing-here'))).toEqual({
          status: 404,
          message: 'Not Found',
        });
      }));

  it('is refused with 400 Invalid request for a malformed email', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('a request to send the email code to a malformed address')
      .withRequest('POST', '/v1/auth/register/email/send', (b) =>
        b.headers(clientKey).jsonBody({ email: 'not-an-email' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(error('Invalid request: /email must match format "email"')),
      )
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).sendEmailCode('not-an-email'))).toEqual({
          status: 400,
          message: 'Invalid request: /email must match format "email"',
        });
      }));

  const emailVerifyRefusal = (
    title: string,
    state: Record<string, unknown>,
    over: Record<string, unknown>,
    status: number,
    message: string,
  ) =>
    it(`is refused with ${status} ${message} on email verification`, () =>
      http.pact
        .addInteraction()
        .given('a Baanx email code has been sent', {
          clientKey: KEY,
          email: 'ada@example.com',
          ...state,
        })
        .uponReceiving(title)
        .withRequest('POST', '/v1/auth/register/email/verify', (b) =>
          b
            .headers(clientKey)
            .jsonBody(emailVerify({ contactVerificationId: contactFromState(), ...over })),
        )
        .willRespondWith(status, (b) => b.jsonBody(error(message)))
        .executeTest(async (mock) => {
          expect(await rejection(client(mock.url).verifyEmail(emailVerify(over) as never))).toEqual(
            { status, message },
          );
        }));

  emailVerifyRefusal(
    'an email verification with a wrong code',
    {},
    { verificationCode: '654321' },
    400,
    'Invalid verification code',
  );
  emailVerifyRefusal(
    'an email verification with an expired code',
    { expired: true },
    {},
    400,
    'Verification code expired',
  );
  emailVerifyRefusal(
    'an email verification for another address than the one the code was sent to',
    {},
    { email: 'grace@example.com' },
    400,
    'Email does not match the verification request',
  );
  emailVerifyRefusal(
    'an email verification for a country where sign-up is not available',
    {},
    { countryOfResidence: 'CU' },
    400,
    'Sign-up is not available in CU',
  );

  it('is refused with 404 for a contact verification Baanx does not know', () =>
    http.pact
      .addInteraction()
      .given('a Baanx client', { clientKey: KEY })
      .uponReceiving('an email verification with an unknown contact verification')
      .withRequest('POST', '/v1/auth/register/email/verify', (b) =>
        b.headers(clientKey).jsonBody(emailVerify()),
      )
      .willRespondWith(404, (b) => b.jsonBody(error('Contact verification not found')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).verifyEmail(emailVerify() as never))).toEqual({
          status: 404,
          message: 'Contact verification not found',
        });
      }));

  it('is refused with 400 when the verified phone number is not the one the code went to', () =>
    http.pact
      .addInteraction()
      .given('a Baanx phone code has been sent', { clientKey: KEY })
      .uponReceiving('a phone verification for another number')
      .withRequest('POST', '/v1/auth/register/phone/verify', (b) =>
        b.headers(clientKey).jsonBody({
          onboardingId: onboardingFromState(),
          phoneCountryCode: '+44',
          phoneNumber: '7400846283',
          contactVerificationId: contactFromState(),
          verificationCode: '123456',
        }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(error('Phone number does not match the verification request')),
      )
      .executeTest(async (mock) => {
        expect(
          await rejection(
            client(mock.url).verifyPhone({
              onboardingId: ONBOARDING,
              phoneCountryCode: '+44',
              phoneNumber: '7400846283',
              contactVerificationId: CONTACT,
              verificationCode: '123456',
            }),
          ),
        ).toEqual({ status: 400, message: 'Phone number does not match the verification request' });
      }));

  it("is refused with 400 for another registration's contact verification", () =>
    http.pact
      .addInteraction()
      .given('a Baanx phone code has been sent', { clientKey: KEY, contact: 'other' })
      .uponReceiving("a phone verification with another registration's contact verification")
      .withRequest('POST', '/v1/auth/register/phone/verify', (b) =>
        b.headers(clientKey).jsonBody({
          onboardingId: onboardingFromState(),
          ...PHONE,
          contactVerificationId: fromProviderState('${contactVerificationId}', OTHER_CONTACT),
          verificationCode: '123456',
        }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(error('Contact verification does not belong to this onboarding')),
      )
      .executeTest(async (mock) => {
        expect(
          await rejection(
            client(mock.url).verifyPhone({
              onboardingId: ONBOARDING,
              ...PHONE,
              contactVerificationId: OTHER_CONTACT,
              verificationCode: '123456',
            }),
          ),
        ).toEqual({
          status: 400,
          message: 'Contact verification does not belong to this onboarding',
        });
      }));

  it("is refused with 403 for a token of another client's user", () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', { clientKey: OTHER })
      .uponReceiving("a request for the profile with another client's access token")
      .withRequest('GET', '/v1/user', (b) =>
        b.headers({
          ...clientKey,
          authorization: fromProviderState('Bearer ${accessToken}', `Bearer ${TOKEN}`),
        }),
      )
      .willRespondWith(403, (b) => b.jsonBody(error('User does not belong to this client')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).user(TOKEN))).toEqual({
          status: 403,
          message: 'User does not belong to this client',
        });
      }));

  it('is refused with 403 for a disabled user reading the profile', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', { clientKey: KEY, disabled: true })
      .uponReceiving('a request for the profile of a disabled user')
      .withRequest('GET', '/v1/user', (b) =>
        b.headers({
          ...clientKey,
          authorization: fromProviderState('Bearer ${accessToken}', `Bearer ${TOKEN}`),
        }),
      )
      .willRespondWith(403, (b) => b.jsonBody(error('User account is disabled')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).user(TOKEN))).toEqual({
          status: 403,
          message: 'User account is disabled',
        });
      }));

  it('is refused with 403 when a disabled user logs in', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', {
        clientKey: KEY,
        email: 'ada@example.com',
        disabled: true,
      })
      .uponReceiving('a login of a disabled user')
      .withRequest('POST', '/v1/auth/login', (b) =>
        b.headers(clientKey).jsonBody({ email: 'ada@example.com', password: PASSWORD }),
      )
      .willRespondWith(403, (b) => b.jsonBody(error('User account is disabled')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).login('ada@example.com', PASSWORD))).toEqual({
          status: 403,
          message: 'User account is disabled',
        });
      }));

  it('is refused with 401 for a wrong login OTP code', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', {
        clientKey: KEY,
        email: 'ada@otp.baanx.test',
        otpSent: true,
      })
      .uponReceiving('a login with a wrong OTP code')
      .withRequest('POST', '/v1/auth/login', (b) =>
        b
          .headers(clientKey)
          .jsonBody({ email: 'ada@otp.baanx.test', password: PASSWORD, otpCode: '654321' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('Invalid OTP code')))
      .executeTest(async (mock) => {
        expect(
          await rejection(client(mock.url).login('ada@otp.baanx.test', PASSWORD, '654321')),
        ).toEqual({ status: 401, message: 'Invalid OTP code' });
      }));

  it('is refused with 401 for an expired login OTP code', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', {
        clientKey: KEY,
        email: 'ada@otp.baanx.test',
        otpExpired: true,
      })
      .uponReceiving('a login with an expired OTP code')
      .withRequest('POST', '/v1/auth/login', (b) =>
        b
          .headers(clientKey)
          .jsonBody({ email: 'ada@otp.baanx.test', password: PASSWORD, otpCode: '123456' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('OTP code expired')))
      .executeTest(async (mock) => {
        expect(
          await rejection(client(mock.url).login('ada@otp.baanx.test', PASSWORD, '123456')),
        ).toEqual({ status: 401, message: 'OTP code expired' });
      }));

  it('is refused with 400 when asking a login OTP for a user without OTP', () =>
    http.pact
      .addInteraction()
      .given('a Baanx user is registered', { clientKey: KEY })
      .uponReceiving('a login OTP request for a user without OTP')
      .withRequest('POST', '/v1/auth/login/otp', (b) =>
        b.headers(clientKey).jsonBody({ userId: fromProviderState('${userId}', USER) }),
      )
      .willRespondWith(400, (b) => b.jsonBody(error('OTP is not enabled for this user')))
      .executeTest(async (mock) => {
        expect(await rejection(client(mock.url).sendLoginOtp(USER))).toEqual({
          status: 400,
          message: 'OTP is not enabled for this user',
        });
      }));
});
