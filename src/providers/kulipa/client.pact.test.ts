// Consumer pacts for Kulipa: the reference client's successful calls against Pact's mock server
// (every operation; the error rows are in client-errors.pact.test.ts), and the webhook receiver
// against Kulipa's ECDSA-signed events (messages).
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, isoDate, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { kulipaClient, readKulipaWebhook } from './client.js';

const { like, regex, fromProviderState } = MatchersV3;
const KEY = 'kulipa_test_key_tenant_one_0001';
const V4 = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const USER = 'usr-7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
const KYC = 'kyc-6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const userId = (example = USER) => regex(`^usr-${V4}$`, example);
const kycId = (example = KYC) => regex(`^kyc-${V4}$`, example);
const auth = { 'x-api-key': KEY };
const ADA = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  countryOfResidence: 'FR',
};

const http = consumerPact('kulipa-reference-client', 'kulipa');
const hooks = consumerPact('kulipa-webhook-receiver', 'kulipa');
afterAll(() => {
  http.publish();
  hooks.publish();
});

/** fetch, then a moment for Pact's mock server to record the request it already answered. */
const settled: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return res;
};
const client = (mockUrl: string, apiKey = KEY) =>
  kulipaClient({ baseUrl: `${mockUrl}/v1`, apiKey, fetch: settled });
const kycBody = (status: string, type = 'full') => ({
  id: kycId(),
  userId: userId(),
  type,
  status,
  url: url(`http://127.0.0.1:4010/verify/kulipa/${KYC}`),
  expiresAt: isoTimestamp(),
});
const ADDRESS = { address1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
/** The SDK's User model, as the sandbox answers it (seeded fields matched by type). */
const userBody = (extra: Record<string, unknown> = {}) => ({
  id: userId(),
  status: 'unverified',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: like('ada@example.com'),
  countryOfResidence: 'FR',
  createdAt: isoTimestamp(),
  updatedAt: isoTimestamp(),
  ...extra,
});
const seededUser = (suffix = '') =>
  fromProviderState(`/v1/users/\${userId}${suffix}`, `/v1/users/${USER}${suffix}`);
const dataImage = (example: string) =>
  regex('^data:image/svg\\+xml;base64,[A-Za-z0-9+/]+=*$', example);

describe('Kulipa reference client (consumer pact)', () => {
  it('creates a user, unverified', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request to create a user')
      .withRequest('POST', '/v1/users', (b) => b.headers(auth).jsonBody(ADA))
      .willRespondWith(201, (b) =>
        b.jsonBody({
          id: userId(),
          status: 'unverified',
          ...ADA,
          legalName: null,
          createdAt: isoTimestamp(),
          updatedAt: isoTimestamp(),
        }),
      )
      .executeTest(async (mock) => {
        const user = await client(mock.url).createUser(ADA);
        expect(user).toMatchObject({ id: USER, status: 'unverified' });
      }));

  it('gets the stored answer again when it retries with the same x-idempotency-key', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa idempotency key was used', {
        apiKey: KEY,
        idempotencyKey: 'create-ada-1',
        email: 'ada@example.com',
      })
      .uponReceiving('a retried request to create a user')
      .withRequest('POST', '/v1/users', (b) =>
        b.headers({ ...auth, 'x-idempotency-key': 'create-ada-1' }).jsonBody(ADA),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'x-idempotent-replayed': 'true' }).jsonBody(userBody({ ...ADA })),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createUser(ADA, 'create-ada-1')).email).toBe(ADA.email);
      }));

  it('finds a user by email', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY, email: 'ada@example.com' })
      .uponReceiving('a request for the users with an email')
      .withRequest('GET', '/v1/users', (b) => b.headers(auth).query({ email: 'ada@example.com' }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          page: 0,
          count: 1,
          hasMore: false,
          items: [userBody({ email: 'ada@example.com' })],
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).findUsers('ada@example.com')).count).toBe(1);
      }));

  it('reads a user back', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY, email: 'ada@example.com' })
      .uponReceiving('a request for an existing user')
      .withRequest('GET', seededUser(), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: userId(),
          status: 'unverified',
          email: 'ada@example.com',
          countryOfResidence: like('FR'),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).getUser(USER)).email).toBe('ada@example.com');
      }));

  it('sets the address of a user who has not undergone KYC', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY })
      .uponReceiving('a request to set the address of a user')
      .withRequest('PUT', seededUser('/address'), (b) => b.headers(auth).jsonBody(ADDRESS))
      .willRespondWith(200, (b) => b.jsonBody(userBody({ address: ADDRESS })))
      .executeTest(async (mock) => {
        expect((await client(mock.url).setAddress(USER, ADDRESS)).address).toEqual(ADDRESS);
      }));

  it('sets the phone number of a user', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user is active', { apiKey: KEY })
      .uponReceiving('a request to set the phone number of a user')
      .withRequest('PUT', seededUser('/phone-number'), (b) =>
        b.headers(auth).jsonBody({ country: '+33', number: '612345678' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(userBody({ status: 'active', phone: { country: '+33', number: '612345678' } })),
      )
      .executeTest(async (mock) => {
        const user = await client(mock.url).setPhoneNumber(USER, {
          country: '+33',
          number: '612345678',
        });
        expect(user.status).toBe('active');
      }));

  // The {email} form: Pact's verifier cannot replay the bare JSON string body the .NET SDK sends
  // (test/clients/kulipa-dotnet-sdk.test.ts replays that one against the sandbox).
  it('sets the email of a user', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY })
      .uponReceiving('a request to set the email of a user')
      .withRequest('PUT', seededUser('/email'), (b) =>
        b.headers(auth).jsonBody({ email: 'ada.lovelace@example.com' }),
      )
      .willRespondWith(200, (b) => b.jsonBody(userBody({ email: 'ada.lovelace@example.com' })))
      .executeTest(async (mock) => {
        const user = await client(mock.url).setEmail(
          USER,
          'ada.lovelace@example.com',
          undefined,
          'object',
        );
        expect(user.email).toBe('ada.lovelace@example.com');
      }));

  it('sets the shipping address of a user', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY })
      .uponReceiving('a request to set the shipping address of a user')
      .withRequest('PUT', seededUser('/shipping-address'), (b) =>
        b.headers(auth).jsonBody({ address: ADDRESS, phone: '+33612345678' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(userBody({ shippingAddress: { address: ADDRESS, phone: '+33612345678' } })),
      )
      .executeTest(async (mock) => {
        const user = await client(mock.url).setShippingAddress(USER, {
          address: ADDRESS,
          phone: '+33612345678',
        });
        expect(user.firstName).toBe('Ada');
      }));

  it('initiates a full KYC and gets the webview URL', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY })
      .uponReceiving('a request to initiate a full KYC')
      .withRequest('PUT', '/v1/kycs', (b) =>
        b.headers(auth).jsonBody({
          userId: fromProviderState('${userId}', USER),
          type: 'full',
          redirectUri: 'https://wallet.example/kyc-done',
        }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          ...kycBody('pending'),
          redirectUri: 'https://wallet.example/kyc-done',
          requestedInformation: null,
          declineReason: null,
        }),
      )
      .executeTest(async (mock) => {
        const kyc = await client(mock.url).initiateKyc({
          userId: USER,
          type: 'full',
          redirectUri: 'https://wallet.example/kyc-done',
        });
        expect(kyc.url).toMatch(/^http/);
      }));

  it('initiates a KYC with POST, the method the reference page leaves open', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY })
      .uponReceiving('a POST request to initiate a full KYC')
      .withRequest('POST', '/v1/kycs', (b) =>
        b.headers(auth).jsonBody({ userId: fromProviderState('${userId}', USER), type: 'full' }),
      )
      .willRespondWith(201, (b) => b.jsonBody(kycBody('pending')))
      .executeTest(async (mock) => {
        const kyc = await client(mock.url).initiateKyc(
          { userId: USER, type: 'full' },
          undefined,
          'POST',
        );
        expect(kyc.status).toBe('pending');
      }));

  it('gets the open KYC back (200) when it initiates the same type again', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa KYC is pending', { apiKey: KEY, type: 'shipping' })
      .uponReceiving('a request to initiate a shipping KYC while one is open')
      .withRequest('PUT', '/v1/kycs', (b) =>
        b
          .headers(auth)
          .jsonBody({ userId: fromProviderState('${userId}', USER), type: 'shipping' }),
      )
      .willRespondWith(200, (b) => b.jsonBody(kycBody('pending', 'shipping')))
      .executeTest(async (mock) => {
        expect((await client(mock.url).initiateKyc({ userId: USER, type: 'shipping' })).type).toBe(
          'shipping',
        );
      }));

  it('initiates an rfi that says what Kulipa requested', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user was asked for information', {
        apiKey: KEY,
        requested: ['proof_of_address', 'source_of_funds'],
      })
      .uponReceiving('a request to initiate an rfi KYC')
      .withRequest('PUT', '/v1/kycs', (b) =>
        b.headers(auth).jsonBody({ userId: fromProviderState('${userId}', USER), type: 'rfi' }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          ...kycBody('pending', 'rfi'),
          requestedInformation: ['proof_of_address', 'source_of_funds'],
        }),
      )
      .executeTest(async (mock) => {
        const kyc = await client(mock.url).initiateKyc({ userId: USER, type: 'rfi' });
        expect(kyc.requestedInformation).toEqual(['proof_of_address', 'source_of_funds']);
      }));

  it('reads a KYC whose webview has expired', () =>
    http.pact
      .addInteraction()
      .given("a Kulipa KYC's webview has expired", { apiKey: KEY })
      .uponReceiving('a request for a KYC whose webview has expired')
      .withRequest('GET', fromProviderState('/v1/kycs/${kycId}', `/v1/kycs/${KYC}`), (b) =>
        b.headers(auth),
      )
      .willRespondWith(200, (b) => b.jsonBody(kycBody('expired')))
      .executeTest(async (mock) => {
        expect((await client(mock.url).getKyc(KYC)).status).toBe('expired');
      }));

  it('exports the documented identity fields of a verified user', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa KYC was decided', { apiKey: KEY, decision: 'verified' })
      .uponReceiving('a request to export the KYC of a verified user')
      .withRequest('GET', '/v1/kycs/export', (b) =>
        b.headers(auth).query({ userId: fromProviderState('${userId}', USER) }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          name: { first: 'Ada', middle: null, last: 'Lovelace' },
          emailAddress: like('ada@example.com'),
          phoneNumber: null,
          dateOfBirth: isoDate(),
          address: {
            street1: like('1 rue de la Paix'),
            street2: null,
            city: like('Paris'),
            state: null,
            zipCode: like('75002'),
            country: 'FR',
          },
          identityDocument: {
            countryCode: 'FR',
            type: regex('^(passport|id_card|driving_licence)$', 'id_card'),
            number: regex('^[A-Z0-9]{9}$', 'X1234567Z'),
            documentFront: dataImage('data:image/svg+xml;base64,PHN2Zy8+'),
            issuedDate: isoDate('2019-05-02'),
          },
        }),
      )
      .executeTest(async (mock) => {
        const exported = await client(mock.url).exportKyc(USER);
        expect(exported.name.last).toBe('Lovelace');
        expect(exported.identityDocument.documentFront).toMatch(/^data:image\//);
      }));

  it('registers its webhook URL and reads the settings back', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request to register a webhook URL')
      .withRequest('PUT', '/v1/webhooks', (b) =>
        b.headers(auth).jsonBody({ url: 'https://wallet.example/hooks' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          url: 'https://wallet.example/hooks',
          keyId: regex('^dwk-[0-9a-f-]{36}$', 'dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e'),
          updatedAt: isoTimestamp(),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).registerWebhook('https://wallet.example/hooks')).url).toBe(
          'https://wallet.example/hooks',
        );
      }));

  it('reads its webhook settings before any registration', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request for the webhook settings')
      .withRequest('GET', '/v1/webhooks', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          url: null,
          keyId: regex('^dwk-[0-9a-f-]{36}$', 'dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e'),
          updatedAt: null,
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).webhookSettings()).url).toBeNull();
      }));

  it('reads the key that signs its webhooks', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa webhook signing key', { apiKey: KEY })
      .uponReceiving('a request for the webhook signing key')
      .withRequest(
        'GET',
        fromProviderState(
          '/v1/webhooks/keys/${keyId}',
          '/v1/webhooks/keys/dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e',
        ),
        (b) => b.headers(auth),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: regex('^dwk-[0-9a-f-]{36}$', 'dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e'),
          algorithm: 'ECDSA_SHA_256',
          publicKey: regex(
            '^-----BEGIN PUBLIC KEY-----[\\s\\S]+-----END PUBLIC KEY-----\\s*$',
            '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n',
          ),
        }),
      )
      .executeTest(async (mock) => {
        expect(
          (await client(mock.url).webhookKey('dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e')).algorithm,
        ).toBe('ECDSA_SHA_256');
      }));
});

describe('Kulipa webhook receiver (message pact)', () => {
  // A fixed P-256 key and signatures over "{ts}.{body}" for the example bodies (alphabetical keys, as
  // Pact hands a message back), so the receiver's ECDSA check runs for real; Kulipa's keys verify live.
  const PUBLIC_KEY =
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsCCOkAbKTT4YFVnJvuURWm85lqAL\n3DVp/sdAzqnTDX18r93dYtTsmLTMEuJvmcRWCugL4Zf7xvXQifswZ8uAzA==\n-----END PUBLIC KEY-----\n';
  const TS = '1735689600000';
  const EVENT_ID = '5b7e2c1a-8d4f-4e6a-9b3c-2f1e0d9c8b7a';
  const cases = [
    [
      'verified',
      'kyc.verified',
      KYC,
      '3046022100c59482ed98693cf12f718764e35f0bf463464b7c92e9117c5d7acb852424b654022100d21ec42c771202ecfba4006b06face6f5650cfcfca8a038b01aebcc136854ea7',
    ],
    [
      'declined',
      'kyc.declined',
      KYC,
      '3046022100d8e719047bcd8962557e1da13378f3b4fa7379396ee65e2e68caa238c3a3c032022100b59f134f2b80facf8c3f4b190998ddd2beb8ebaceceef045936828dd4b7d3140',
    ],
    [
      'verified',
      'user.activated',
      USER,
      '304402206e4cb71d957fae727b55d7a300fe95672240936b41e56893579519d58444a87e0220688bbde081996222f0c7c1c19979d7b13bb46011f0c55738820db61b7604bfef',
    ],
  ] as const;

  it.each(cases)(
    'accepts the signed webhook of a %s KYC: %s',
    (decision, event, target, signature) =>
      hooks.pact
        .addAsynchronousInteraction()
        .given('a Kulipa KYC was decided', { apiKey: KEY, decision, event })
        .expectsToReceive(`a signed ${event} webhook`, (b) =>
          b
            .withJSONContent({
              eventId: uuid(EVENT_ID),
              eventName: event,
              eventTargetId: target === KYC ? kycId(target) : userId(target),
              userId: userId(),
            })
            .withMetadata({
              'x-kulipa-signature': regex('^[0-9a-f]+$', signature),
              'x-kulipa-signature-ts': regex('^\\d{13}$', TS),
              'x-kulipa-key-id': regex(
                '^dwk-[0-9a-f-]{36}$',
                'dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e',
              ),
            }),
        )
        .executeTest(async (m) => {
          const hook = readKulipaWebhook(
            PUBLIC_KEY,
            JSON.stringify(m.contents.content),
            m.metadata as Record<string, string>,
          );
          expect(hook.eventName).toBe(event);
        }),
  );
});
