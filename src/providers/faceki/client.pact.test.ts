// Consumer pacts for Faceki: the reference client against Pact's mock server (HTTP), and the receiver
// of Faceki's unsigned EKYC result webhook (messages). Faceki documents no rate limit: no 429 pact.
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type FacekiError, facekiClient, readFacekiWebhook } from './client.js';

const { like, regex, integer, eachLike, fromProviderState } = MatchersV3;
const CLIENT = 'faceki_test_client_v2';
const SECRET = 'faceki_test_secret_v2_000001';
const LINK = '197b7d7e-f314-401c-9ed5-d1b9c228fe56';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRJZCI6ImZhY2VraV90ZXN0X2NsaWVudF92MiJ9.c2lnbmF0dXJl';
const JWT = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
// Tokens are signed by the sandbox: the pact carries the state's token, not a literal one.
const bearer = () => ({ authorization: fromProviderState('Bearer ${token}', `Bearer ${TOKEN}`) });
const linkFromState = () => fromProviderState('${linkId}', LINK);
const V2_LINK = {
  expiryTime: '30',
  applicationId: 'app-42',
  redirect_url: 'https://partner.example/kyc-done',
};
const codedError = (status: number, responseCode: number, message: string) => ({
  responseCode,
  status: false,
  message,
  statusCode: status,
});

const http = consumerPact('faceki-reference-client', 'faceki');
const hooks = consumerPact('faceki-webhook-receiver', 'faceki');
afterAll(() => {
  http.publish();
  hooks.publish();
});

const client = (baseUrl: string, accessToken: string | undefined = TOKEN, clientSecret = SECRET) =>
  facekiClient({ baseUrl, clientId: CLIENT, clientSecret, accessToken });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: FacekiError) => e,
  );

describe('Faceki reference client (consumer pact)', () => {
  it('exchanges its client credentials for a V2 access token', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving('a request for a V2 access token')
      .withRequest('GET', '/auth/api/access-token', (b) =>
        b.query({ clientId: CLIENT, clientSecret: SECRET }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: {
            access_token: regex(JWT, TOKEN),
            expires_in: integer(3600),
            token_type: 'Bearer',
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url, undefined).getToken()).access_token).toBe(TOKEN);
      }));

  it('is refused with 401 for a wrong client secret', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving('a request for a token with a wrong secret')
      .withRequest('GET', '/auth/api/access-token', (b) =>
        b.query({ clientId: CLIENT, clientSecret: 'not-the-secret' }),
      )
      .willRespondWith(401, (b) =>
        b.jsonBody({ status: false, message: 'invalid client secret', statusCode: 401, data: {} }),
      )
      .executeTest(async (mock) => {
        const e = await rejection(client(mock.url, undefined, 'not-the-secret').getToken());
        expect({ status: e.status, message: e.message }).toEqual({
          status: 401,
          message: 'invalid client secret',
        });
      }));

  it('creates a V2 KYC link', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request to create a V2 KYC link')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody(V2_LINK),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: uuid(LINK),
          url: url(`http://127.0.0.1:4010/verify/faceki/${LINK}`),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createLink(V2_LINK)).id).toBe(LINK);
      }));

  it('is refused with 401 (code 1) without a Bearer token', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving('a request to create a link without a token')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) => b.jsonBody(V2_LINK))
      .willRespondWith(401, (b) =>
        b.jsonBody(codedError(401, 1, 'Unauthorized: a Bearer token is required')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url, '').createLink(V2_LINK))).responseCode).toBe(1);
      }));

  it('is refused with 400 (5002) when a V2 client sends a Blaze 3.0 workflowId', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a V2 link request carrying a workflowId')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody({ ...V2_LINK, workflowId: '64a1f0c2e4b0a1b2c3d40001' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody({
          ...codedError(
            400,
            5002,
            'Required fields in the request are either invalid or missing as per rules defined in the workflow',
          ),
          data: {
            issues: eachLike({
              path: '/workflowId',
              message: like('is not part of the V2 link request'),
            }),
          },
        }),
      )
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url).createLink({ ...V2_LINK, workflowId: '64a1f0c2e4b0a1b2c3d40001' }),
            )
          ).responseCode,
        ).toBe(5002);
      }));

  it('validates a live link', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link exists', { clientId: CLIENT })
      .uponReceiving('a request to validate a live link')
      .withRequest('GET', '/kycverify/api/kycverify/validate-kyc-verify-link', (b) =>
        b.headers(bearer()).query({ url: linkFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: {
            link: uuid(LINK),
            valid: true,
            status: 'live',
            state: 'CREATED',
            expiresAt: isoTimestamp(),
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).validateLink(LINK)).valid).toBe(true);
      }));

  it('sees an expired link as expired', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link has expired', { clientId: CLIENT })
      .uponReceiving('a request to validate an expired link')
      .withRequest('GET', '/kycverify/api/kycverify/validate-kyc-verify-link', (b) =>
        b.headers(bearer()).query({ url: linkFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: { link: uuid(LINK), valid: false, status: 'expired', state: 'EXPIRED' },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).validateLink(LINK)).status).toBe('expired');
      }));

  it('is refused with 404 (code 1) for a link it does not own', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request to validate an unknown link')
      .withRequest('GET', '/kycverify/api/kycverify/validate-kyc-verify-link', (b) =>
        b.headers(bearer()).query({ url: '00000000-0000-4000-8000-000000000000' }),
      )
      .willRespondWith(404, (b) =>
        b.jsonBody(
          codedError(404, 1, 'Invalid URL: no KYC link 00000000-0000-4000-8000-000000000000'),
        ),
      )
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url).validateLink('00000000-0000-4000-8000-000000000000')))
            .status,
        ).toBe(404);
      }));

  it('reads the record of an accepted link', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link was decided', {
        clientId: CLIENT,
        decision: 'ACCEPTED',
        applicationId: 'app-42',
      })
      .uponReceiving('a request for the records of an accepted link')
      .withRequest('GET', '/kycverify/api/kycverify/link', (b) =>
        b.headers(bearer()).query({ link: linkFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: eachLike({
            link: uuid(LINK),
            record_identifier: 'app-42',
            requestId: uuid(),
            decision: 'ACCEPTED',
            document_data: eachLike({
              full_name: like('ADA LOVELACE'),
              document_number: like('2LP8K58CN'),
              document_type: like('P'),
              passed: true,
            }),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const [record] = await client(mock.url).recordsByLink(LINK);
        expect(record.decision).toBe('ACCEPTED');
      }));
});

describe('Faceki webhook receiver (message pact)', () => {
  it.each(['ACCEPTED', 'DECLINED'])(
    'accepts the EKYC result of a %s link (unsigned: Faceki documents no signature)',
    (decision) =>
      hooks.pact
        .addAsynchronousInteraction()
        .given('a Faceki KYC link was decided', {
          clientId: CLIENT,
          decision,
          event: 'EKYC_RESULT',
        })
        .expectsToReceive(`an EKYC result webhook for a ${decision} link`, (b) =>
          b
            .withJSONContent({
              requestId: uuid(),
              fullName: like('ADA LOVELACE'),
              status: decision,
              kycData: {
                link: uuid(LINK),
                requestId: uuid(),
                decision,
                document_data: eachLike({
                  full_name: like('ADA LOVELACE'),
                  passed: decision === 'ACCEPTED',
                }),
              },
            })
            .withMetadata({ 'content-type': 'application/json' }),
        )
        .executeTest(async (m) => {
          expect(readFacekiWebhook(JSON.stringify(m.contents.content)).status).toBe(decision);
        }),
  );
});
