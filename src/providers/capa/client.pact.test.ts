// Consumer pacts for Capa: the reference client against Pact's mock server (HTTP), and the webhook
// receiver against Capa's signed KYC events (messages). Capa documents no rate limit: no 429 pact.
import { createHmac } from 'node:crypto';
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, hex, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { capaClient, type CapaError, readCapaWebhook } from './client.js';

const { like, regex, fromProviderState } = MatchersV3;
const KEY = 'capa_test_partner_key_000000000001';
const USER = '3f0c8a52-6d7e-4b1a-9c2d-5e8f7a6b4c3d';
const P = '/api/partner/v2';
const auth = { 'partner-api-key': KEY };
const userIdFromState = () => fromProviderState('${userId}', USER);
const error = (status: number, code: string, message: string) => ({
  statusCode: status,
  code,
  message,
});

const http = consumerPact('capa-reference-client', 'capa');
const hooks = consumerPact('capa-webhook-receiver', 'capa');
afterAll(() => {
  http.publish();
  hooks.publish();
});

const client = (baseUrl: string, apiKey = KEY) => capaClient({ baseUrl, apiKey });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: CapaError) => ({ status: e.status, code: e.code, message: e.message }),
  );

describe('Capa reference client (consumer pact)', () => {
  it('creates an individual user', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to create an individual user')
      .withRequest('POST', `${P}/users`, (b) =>
        b
          .headers(auth)
          .jsonBody({ type: 'INDIVIDUAL', email: 'ada@example.com', externalUserId: 'ext-1' }),
      )
      .willRespondWith(201, (b) => b.jsonBody({ success: true, data: { userId: uuid() } }))
      .executeTest(async (mock) => {
        expect(
          (
            await client(mock.url).createUser({
              type: 'INDIVIDUAL',
              email: 'ada@example.com',
              externalUserId: 'ext-1',
            })
          ).userId,
        ).toBe(USER);
      }));

  it('is refused with 401 when the partner-api-key is missing', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to create a user without a partner-api-key')
      .withRequest('POST', `${P}/users`, (b) =>
        b.jsonBody({ type: 'INDIVIDUAL', email: 'ada@example.com' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(error(401, 'UNAUTHORIZED', 'API Key is missing')))
      .executeTest(async (mock) => {
        expect(
          await rejection(
            client(mock.url, '').createUser({ type: 'INDIVIDUAL', email: 'ada@example.com' }),
          ),
        ).toEqual({ status: 401, code: 'UNAUTHORIZED', message: 'API Key is missing' });
      }));

  it('is refused with 401 when the partner-api-key is unknown', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to create a user with an unknown partner-api-key')
      .withRequest('POST', `${P}/users`, (b) =>
        b
          .headers({ 'partner-api-key': 'live_key_nobody_has_000000001' })
          .jsonBody({ type: 'INDIVIDUAL', email: 'ada@example.com' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(error(401, 'UNAUTHORIZED', 'Invalid API Key')))
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url, 'live_key_nobody_has_000000001').createUser({
                type: 'INDIVIDUAL',
                email: 'ada@example.com',
              }),
            )
          ).status,
        ).toBe(401);
      }));

  it('is refused with 400 for an invalid email', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to create a user with an invalid email')
      .withRequest('POST', `${P}/users`, (b) =>
        b.headers(auth).jsonBody({ type: 'INDIVIDUAL', email: 'not-an-email' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(error(400, 'BAD_REQUEST', 'Provided email is not valid')),
      )
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url).createUser({ type: 'INDIVIDUAL', email: 'not-an-email' }),
            )
          ).code,
        ).toBe('BAD_REQUEST');
      }));

  it('creates a KYC verification link for an existing user', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL' })
      .uponReceiving('a request for a KYC verification link')
      .withRequest(
        'POST',
        fromProviderState(
          `${P}/users/\${userId}/kyc/verification-link`,
          `${P}/users/${USER}/kyc/verification-link`,
        ),
        (b) =>
          b
            .headers(auth)
            .jsonBody({ country: 'MX', partnerRedirectUri: 'https://partner.example/kyc-done' }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          success: true,
          data: { kycLink: url(`http://127.0.0.1:4010/verify/capa/${USER}`) },
        }),
      )
      .executeTest(async (mock) => {
        const { kycLink } = await client(mock.url).createKycLink(USER, {
          country: 'MX',
          partnerRedirectUri: 'https://partner.example/kyc-done',
        });
        expect(kycLink).toMatch(/^http/);
      }));

  it('is refused with 404 for a user Capa does not know', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request for a KYC link for an unknown user')
      .withRequest(
        'POST',
        `${P}/users/00000000-0000-4000-8000-000000000000/kyc/verification-link`,
        (b) => b.headers(auth).jsonBody({ country: 'MX' }),
      )
      .willRespondWith(404, (b) =>
        b.jsonBody(error(404, 'NOT_FOUND_ERROR', 'Requested User was not found')),
      )
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url).createKycLink('00000000-0000-4000-8000-000000000000', {
                country: 'MX',
              }),
            )
          ).status,
        ).toBe(404);
      }));

  it('is refused with 400 for a country without a KYC template', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL' })
      .uponReceiving('a request for a KYC link in a country without a template')
      .withRequest(
        'POST',
        fromProviderState(
          `${P}/users/\${userId}/kyc/verification-link`,
          `${P}/users/${USER}/kyc/verification-link`,
        ),
        (b) => b.headers(auth).jsonBody({ country: 'LI' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error(400, 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR', 'KYC template not configured for LI'),
        ),
      )
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url).createKycLink(USER, { country: 'LI' }))).code,
        ).toBe('KYC_TEMPLATE_NOT_CONFIGURED_ERROR');
      }));

  it('reads the KYC details of a verified user', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        type: 'INDIVIDUAL',
        decision: 'VERIFIED',
      })
      .uponReceiving('a request for the KYC details of a verified user')
      .withRequest('GET', `${P}/kyc/details`, (b) =>
        b.headers(auth).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            aipriseSummary: { verificationResult: 'VERIFIED' },
            clientReferenceId: uuid(USER),
            verificationSessionId: regex('^vs_[0-9a-f]{16}$', 'vs_3f0c8a526d7e4b1a'),
            idInfo: {
              fullName: like('Ada Lovelace'),
              birthDate: regex('^\\d{4}-\\d{2}-\\d{2}$', '1990-01-01'),
              idType: like('PASSPORT'),
            },
          },
        }),
      )
      .executeTest(async (mock) => {
        const details = await client(mock.url).kycDetails(USER);
        expect(details.aipriseSummary.verificationResult).toBe('VERIFIED');
        expect(details.idInfo?.fullName).toBe('Ada Lovelace');
      }));

  it('reads the KYB details of a business whose link is live', () =>
    http.pact
      .addInteraction()
      .given('a Capa user has a verification link', { apiKey: KEY, type: 'BUSINESS' })
      .uponReceiving('a request for the KYB details of a business with a live link')
      .withRequest('GET', `${P}/kyb/details`, (b) =>
        b.headers(auth).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            userId: uuid(USER),
            status: 'IN_PROGRESS',
            sessionUrl: url(`http://127.0.0.1:4010/verify/capa/${USER}`),
            business: null,
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).kybDetails(USER)).sessionUrl).toMatch(/^http/);
      }));

  it('sees no session URL once the KYB link has expired', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification link has expired", { apiKey: KEY, type: 'BUSINESS' })
      .uponReceiving('a request for the KYB details of a business whose link expired')
      .withRequest('GET', `${P}/kyb/details`, (b) =>
        b.headers(auth).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: { userId: uuid(USER), status: 'IN_PROGRESS', sessionUrl: null },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).kybDetails(USER)).sessionUrl).toBeNull();
      }));

  it('registers its webhook URL and secret', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to register the webhook URL')
      .withRequest('PUT', `${P}/webhook-settings`, (b) =>
        b.headers(auth).jsonBody({
          url: 'https://partner.example/hooks/capa',
          secret: 'a-partner-chosen-secret',
        }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          success: true,
          data: {
            url: 'https://partner.example/hooks/capa',
            secret: 'a-partner-chosen-secret',
            updatedAt: isoTimestamp(),
          },
        }),
      )
      .executeTest(async (mock) => {
        const s = await client(mock.url).updateWebhookSettings({
          url: 'https://partner.example/hooks/capa',
          secret: 'a-partner-chosen-secret',
        });
        expect(s.url).toBe('https://partner.example/hooks/capa');
      }));
});

describe('Capa webhook receiver (message pact)', () => {
  const SECRET = 'capa-pact-webhook-secret';
  // The example body is signed with the secret the state registers, so the receiver's check runs for
  // real. Keys are in alphabetical order because that is how Pact stores, and hands back, a message.
  const body = (event: string) => ({ event, externalUserId: 'ext-42', type: 'KYC', userId: USER });
  const signed = (event: string) =>
    hex(
      64,
      createHmac('sha256', SECRET)
        .update(JSON.stringify(body(event)))
        .digest('hex'),
    );

  it.each([
    ['VERIFIED', 'VERIFIED_USER'],
    ['REJECTED', 'REJECTED_KYC'],
    ['REVIEW_NEEDED', 'REVIEW_NEEDED_KYC'],
  ])('accepts the signed %s webhook (%s)', (decision, event) =>
    hooks.pact
      .addAsynchronousInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        decision,
        externalUserId: 'ext-42',
        webhookSecret: SECRET,
      })
      .expectsToReceive(`a signed ${event} webhook`, (b) =>
        b
          .withJSONContent({ ...body(event), externalUserId: like('ext-42'), userId: uuid() })
          .withMetadata({ 'capa-signature': signed(event), 'content-type': 'application/json' }),
      )
      .executeTest(async (m) => {
        const meta = m.metadata as Record<string, string>;
        const hook = readCapaWebhook(SECRET, JSON.stringify(m.contents.content), meta);
        expect(hook.event).toBe(event);
      }),
  );
});
