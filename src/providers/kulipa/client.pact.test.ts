// Consumer pacts for Kulipa: the reference client against Pact's mock server (HTTP, rate limit
// included), and the webhook receiver against Kulipa's ECDSA-signed events (messages).
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type KulipaError, kulipaClient, readKulipaWebhook } from './client.js';

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

const client = (mockUrl: string, apiKey = KEY) =>
  kulipaClient({ baseUrl: `${mockUrl}/v1`, apiKey });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: KulipaError) => e,
  );
const kycBody = (status: string) => ({
  id: kycId(),
  userId: userId(),
  type: 'full',
  status,
  url: url(`http://127.0.0.1:4010/verify/kulipa/${KYC}`),
  expiresAt: isoTimestamp(),
});

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

  it('is refused with 401 without an x-api-key', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request without an x-api-key')
      .withRequest('GET', '/v1/users', (b) => b.query({ email: 'ada@example.com' }))
      .willRespondWith(401, (b) =>
        b.jsonBody({ code: 'unauthorized_error', message: 'Missing API key' }),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url, '').findUsers('ada@example.com'))).status).toBe(
          401,
        );
      }));

  it('is refused with 401 for a key that names no tenant', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request with an unknown x-api-key')
      .withRequest('GET', '/v1/users', (b) =>
        b.headers({ 'x-api-key': 'live_key_nobody_has' }).query({ email: 'ada@example.com' }),
      )
      .willRespondWith(401, (b) =>
        b.jsonBody({ code: 'unauthorized_error', message: 'Invalid API key' }),
      )
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url, 'live_key_nobody_has').findUsers('ada@example.com')))
            .code,
        ).toBe('unauthorized_error');
      }));

  it('reads a user back', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa user exists', { apiKey: KEY, email: 'ada@example.com' })
      .uponReceiving('a request for an existing user')
      .withRequest('GET', fromProviderState('/v1/users/${userId}', `/v1/users/${USER}`), (b) =>
        b.headers(auth),
      )
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

  it('is refused with 400 and details.issues for a malformed user id', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request for a user with a malformed id')
      .withRequest('GET', '/v1/users/usr-123', (b) => b.headers(auth))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          code: 'validation_error',
          message: 'userId must be exactly 40 characters long (got 7)',
          details: {
            issues: [
              {
                path: ['userId'],
                message: like('userId must be exactly 40 characters long (got 7)'),
              },
            ],
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).getUser('usr-123'))).issues[0].path).toEqual([
          'userId',
        ]);
      }));

  it('is refused with 404 for a user nobody owns', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key', { apiKey: KEY })
      .uponReceiving('a request for a user nobody owns')
      .withRequest('GET', '/v1/users/usr-00000000-0000-4000-8000-000000000000', (b) =>
        b.headers(auth),
      )
      .willRespondWith(404, (b) =>
        b.jsonBody({ code: 'not_found_error', message: 'User not found' }),
      )
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url).getUser('usr-00000000-0000-4000-8000-000000000000')))
            .status,
        ).toBe(404);
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

  it('exports the identity of a verified user', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa KYC was decided', { apiKey: KEY, decision: 'verified' })
      .uponReceiving('a request to export the KYC of a verified user')
      .withRequest('GET', '/v1/kycs/export', (b) =>
        b.headers(auth).query({ userId: fromProviderState('${userId}', USER) }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          userId: userId(),
          kycId: kycId(),
          status: 'verified',
          verifiedAt: isoTimestamp(),
          identity: {
            firstName: 'Ada',
            lastName: 'Lovelace',
            dateOfBirth: regex('^\\d{4}-\\d{2}-\\d{2}$', '1990-01-01'),
            countryOfResidence: 'FR',
          },
          document: {
            type: regex('^(passport|id_card|driving_license)$', 'passport'),
            number: like('X1234567'),
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).exportKyc(USER)).identity.lastName).toBe('Lovelace');
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

  it('backs off on 429 with Retry-After once the key has used its rate limit', () =>
    http.pact
      .addInteraction()
      .given('a Kulipa API key has used up its rate limit', { apiKey: KEY })
      .uponReceiving('a request over the rate limit')
      .withRequest('GET', '/v1/users', (b) => b.headers(auth).query({ email: 'ada@example.com' }))
      .willRespondWith(429, (b) =>
        b
          .headers({ 'retry-after': regex('^\\d+$', '60'), 'x-ratelimit-remaining': '0' })
          .jsonBody({ code: 'too_many_requests_error', message: 'Too many requests' }),
      )
      .executeTest(async (mock) => {
        const e = await rejection(client(mock.url).findUsers('ada@example.com'));
        expect({ status: e.status, retryAfterS: e.retryAfterS }).toEqual({
          status: 429,
          retryAfterS: 60,
        });
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
