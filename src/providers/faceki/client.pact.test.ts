// Consumer pacts for Faceki: the reference client against Pact's mock server (HTTP), and the receiver
// of Faceki's unsigned EKYC result webhook (messages). Every documented error row is pinned, and the
// calls real clients rely on (records by linkId, a numeric V2 expiryTime with null fields, the
// summary, multipart verification). Faceki documents no rate limit: no 429 pact.
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, settledFetch, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type FacekiError, facekiClient, multipart, readFacekiWebhook } from './client.js';

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

// A fixed boundary: the recorded multipart upload and the client's are the same bytes.
const BOUNDARY = 'faceki-pact-boundary-7f3a9c';
const client = (baseUrl: string, accessToken: string | undefined = TOKEN, clientSecret = SECRET) =>
  facekiClient({
    baseUrl,
    clientId: CLIENT,
    clientSecret,
    accessToken,
    boundary: BOUNDARY,
    fetch: settledFetch,
  });
/** The multipart body the client sends for these parts, as the pact records it (text parts only). */
const upload = (parts: Record<string, string | undefined>) => {
  const { type, bytes } = multipart(parts, BOUNDARY);
  return [type, new TextDecoder().decode(bytes)] as const;
};
/**
 * A multipart request body given as text. The builder's body() records a binary body with a
 * content-type rule on "$", which Pact's multipart matcher then applies to every plain field and
 * fails; the interaction's own withRequestBody (what jsonBody uses) records it without that rule.
 */
type Builder = { interaction: { withRequestBody(body: string, contentType: string): void } };
const form = <B>(b: B, type: string, body: string): B => {
  (b as unknown as Builder).interaction.withRequestBody(body, type);
  return b;
};
const WORKFLOW = '64a1f0c2e4b0a1b2c3d40001';
const INVALID =
  'Required fields in the request are either invalid or missing as per rules defined in the workflow';
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
          url: url(`http://127.0.0.1:4010/verify/faceki/kycverify/${LINK}`),
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
      .uponReceiving('a request for the records of an accepted link by linkId')
      .withRequest('GET', '/kycverify/api/kycverify/link', (b) =>
        b.headers(bearer()).query({ linkId: linkFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: eachLike({
            link: uuid(LINK),
            record_identifier: 'app-42',
            requestId: uuid(),
            decision: 'ACCEPTED',
            face_id: uuid(),
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

describe('Faceki reference client: every documented refusal (consumer pact)', () => {
  const tokenRefusal = (status: number, message: string) => ({
    status: false,
    message,
    statusCode: status,
    data: {},
  });

  it.each([
    ['with an empty clientId', '', SECRET, 422, 'client id is required'],
    ['with an empty clientSecret', CLIENT, '', 422, 'client secret is required'],
    ['for an unknown client', 'unknown-client', SECRET, 401, 'invalid client id'],
  ])('is refused a token %s', (what, clientId, clientSecret, status, message) =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving(`a request for a token ${what}`)
      .withRequest('GET', '/auth/api/access-token', (b) => b.query({ clientId, clientSecret }))
      .willRespondWith(status, (b) => b.jsonBody(tokenRefusal(status, message)))
      .executeTest(async (mock) => {
        const c = facekiClient({ baseUrl: mock.url, clientId, clientSecret, fetch: settledFetch });
        const e = await rejection(c.getToken());
        expect({ status: e.status, code: e.responseCode, message: e.message }).toEqual({
          status,
          code: null,
          message,
        });
      }),
  );

  // What Pact cannot provoke by itself (a body over the limit, an outage), from the state "a Faceki
  // client fails the next request": a one-shot fault rule, answered in Faceki's coded envelope.
  it.each([
    ['PAYLOAD_TOO_LARGE', 413, 400, 'request entity too large'],
    ['rate_limited', 429, 429, 'Too Many Requests'],
    ['bad_gateway', 502, 500, 'Bad Gateway'],
    ['service_unavailable', 503, 500, 'Service Unavailable'],
    ['gateway_timeout', 504, 500, 'Gateway Timeout'],
  ] as const)('is refused a token when Faceki answers %s (%i)', (scenario, status, code, message) =>
    http.pact
      .addInteraction()
      .given('a Faceki client fails the next request', { clientId: CLIENT, scenario })
      .uponReceiving(`a token request answered with ${status} ${message}`)
      .withRequest('POST', '/auth/api/generate-token', (b) =>
        b.jsonBody({ clientId: CLIENT, clientSecret: SECRET }),
      )
      .willRespondWith(status, (b) => b.jsonBody(codedError(status, code, message)))
      .executeTest(async (mock) => {
        const c = facekiClient({
          baseUrl: mock.url,
          clientId: CLIENT,
          clientSecret: SECRET,
          fetch: settledFetch,
        });
        const e = await rejection(c.generateToken());
        expect([e.status, e.responseCode, e.message]).toEqual([status, code, message]);
      }),
  );

  it('is refused with 401 (code 1) for a token that is not one the sandbox signed', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving('a request with an invalid Bearer token')
      .withRequest('GET', '/kycrules/api/kycrules', (b) =>
        b.headers({ authorization: 'Bearer not-a-token' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(codedError(401, 1, 'Unauthorized: invalid token')))
      .executeTest(async (mock) => {
        const e = await rejection(client(mock.url, 'not-a-token').kycRules());
        expect([e.status, e.responseCode, e.message]).toEqual([
          401,
          1,
          'Unauthorized: invalid token',
        ]);
      }));

  it('is refused with 401 (code 1) once the token has expired', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an expired access token', { clientId: CLIENT })
      .uponReceiving('a request with an expired Bearer token')
      .withRequest('GET', '/kycrules/api/kycrules', (b) => b.headers(bearer()))
      .willRespondWith(401, (b) => b.jsonBody(codedError(401, 1, 'Unauthorized: token expired')))
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).kycRules())).message).toBe(
          'Unauthorized: token expired',
        );
      }));

  it('is refused with 404 (code 1) "Invalid URL" on a path Faceki does not have', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request for records by a path parameter (a community client does this)')
      .withRequest('GET', `/kycverify/api/kycverify/link/${LINK}`, (b) => b.headers(bearer()))
      .willRespondWith(404, (b) => b.jsonBody(codedError(404, 1, 'Invalid URL')))
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).request('GET', `/kycverify/api/kycverify/link/${LINK}`),
        );
        expect([e.status, e.responseCode]).toEqual([404, 1]);
      }));

  it('is refused with 400 (code 400) for Fetch Records without any filter', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request for records without a filter')
      .withRequest('GET', '/kycverify/api/kycverify/records', (b) => b.headers(bearer()))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          ...codedError(400, 400, 'The request sent to the API is malformed or incorrect'),
          data: { issues: eachLike({ path: like('requestId'), message: like('is required') }) },
        }),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).fetchRecords({}))).responseCode).toBe(400);
      }));

  it('is refused with 500 (code 500) for the faceki-internal-error applicationId', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a link request with the internal-error magic applicationId')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody({ ...V2_LINK, applicationId: 'faceki-internal-error' }),
      )
      .willRespondWith(500, (b) =>
        b.jsonBody(
          codedError(
            500,
            500,
            'An internal server error occurred during the processing of the request',
          ),
        ),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).createLink({ ...V2_LINK, applicationId: 'faceki-internal-error' }),
        );
        expect([e.status, e.responseCode]).toEqual([500, 500]);
      }));

  it('is refused with 400 (5001) for rules of an unknown workflow', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request for the rules of an unknown workflow')
      .withRequest('GET', '/kycrules/api/kycrules', (b) =>
        b.headers(bearer()).query({ workflowId: 'no-such-workflow' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(codedError(400, 5001, 'Workflow rules necessary for processing are missing')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).kycRules('no-such-workflow'))).responseCode).toBe(
          5001,
        );
      }));

  it('is refused with 402 (5003) when the wallet is empty', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', {
        clientId: 'faceki_test_client_no_credit',
        clientSecret: 'faceki_test_secret_no_credit_01',
      })
      .uponReceiving('a link request from a client with an empty wallet')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody(V2_LINK),
      )
      .willRespondWith(402, (b) =>
        b.jsonBody(
          codedError(
            402,
            5003,
            'There is insufficient credit in the wallet to perform the document verification',
          ),
        ),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).createLink(V2_LINK))).responseCode).toBe(5003);
      }));

  it('is refused with 403 (5009) past the live-link cap', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link exists', {
        clientId: 'faceki_test_client_capped',
        clientSecret: 'faceki_test_secret_capped_0001',
      })
      .uponReceiving('a second live link from a client capped at one')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody(V2_LINK),
      )
      .willRespondWith(403, (b) =>
        b.jsonBody(
          codedError(
            403,
            5009,
            'The maximum limit for document verification links has been reached',
          ),
        ),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).createLink(V2_LINK))).responseCode).toBe(5009);
      }));

  it('is refused with 400 (5006) when a document the workflow needs is missing', () => {
    const [type, body] = upload({ selfie: 'selfie', workflowId: WORKFLOW });
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a direct verification without its document image')
      .withRequest('POST', '/api/v3/kyc_verification', (b) => form(b.headers(bearer()), type, body))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          ...codedError(
            400,
            5006,
            'A required document for verification is missing as per the rules defined in the workflow',
          ),
          data: { issues: [{ path: '/document_1_front', message: 'is required' }] },
        }),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).verify({ workflowId: WORKFLOW, selfie: 'selfie', documents: [{}] }),
        );
        expect(e.responseCode).toBe(5006);
      });
  });

  it('is refused with 400 (5002) for a direct verification without workflowId', () => {
    const [type, body] = upload({ selfie: 'selfie', workflowId: '', document_1_front: 'front' });
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a direct verification with an empty workflowId')
      .withRequest('POST', '/api/v3/kyc_verification', (b) => form(b.headers(bearer()), type, body))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          ...codedError(400, 5002, INVALID),
          data: { issues: [{ path: '/workflowId', message: 'is required' }] },
        }),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).verify({
            workflowId: '',
            selfie: 'selfie',
            documents: [{ front: 'front' }],
          }),
        );
        expect(e.responseCode).toBe(5002);
      });
  });
});

describe('Faceki reference client: what real clients rely on (consumer pact)', () => {
  it("creates a V2 link as Faceki's official Python client sends it: expiryTime 0 as a number, nulls for the rest", () => {
    const PYTHON_LINK = {
      expiryTime: 0,
      applicationId: null,
      redirect_url: null,
      document_optional: null,
      require_additional_doc: null,
    };
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a V2 link request with a numeric expiryTime and null fields')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody(PYTHON_LINK),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: uuid(LINK),
          url: url(`http://127.0.0.1:4010/verify/faceki/kycverify/${LINK}`),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createLink(PYTHON_LINK)).id).toBe(LINK);
      });
  });

  it('creates a Blaze 3.0 link with a numeric expiryTime and its workflowId', () => {
    const BLAZE_LINK = { expiryTime: 30, workflowId: WORKFLOW, applicationId: 'app-43' };
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', {
        clientId: 'faceki_test_client_blaze3',
        clientSecret: 'faceki_test_secret_blaze3_000001',
      })
      .uponReceiving('a Blaze 3.0 link request')
      .withRequest('POST', '/kycverify/api/kycverify/kyc-verify-link', (b) =>
        b.headers(bearer()).jsonBody(BLAZE_LINK),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: uuid(LINK),
          url: url(`http://127.0.0.1:4010/verify/faceki/kycverify/${LINK}`),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createLink(BLAZE_LINK)).id).toBe(LINK);
      });
  });

  it('exchanges its credentials for a Blaze 3.0 token (POST generate-token)', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client', { clientId: CLIENT })
      .uponReceiving('a request for a Blaze 3.0 token')
      .withRequest('POST', '/auth/api/generate-token', (b) =>
        b.jsonBody({ clientId: CLIENT, clientSecret: SECRET }),
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
        expect((await client(mock.url, undefined).generateToken()).token_type).toBe('Bearer');
      }));

  it('still reads records by the link alias', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link was decided', { clientId: CLIENT, decision: 'DECLINED' })
      .uponReceiving('a request for the records of a declined link by link')
      .withRequest('GET', '/kycverify/api/kycverify/link', (b) =>
        b.headers(bearer()).query({ link: linkFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: eachLike({ link: uuid(LINK), decision: 'DECLINED' }),
        }),
      )
      .executeTest(async (mock) => {
        const records = await client(mock.url).request<{ data: { decision: string }[] }>(
          'GET',
          `/kycverify/api/kycverify/link?link=${LINK}`,
        );
        expect(records.data[0]!.decision).toBe('DECLINED');
      }));

  it('reads the KYC summary', () =>
    http.pact
      .addInteraction()
      .given('a Faceki KYC link was decided', { clientId: CLIENT, decision: 'ACCEPTED' })
      .uponReceiving('a request for the KYC summary')
      .withRequest('GET', '/kycverify/api/kycverify/kyc-verify-summary', (b) => b.headers(bearer()))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: {
            total: integer(1),
            accepted: integer(1),
            declined: integer(0),
            review: integer(0),
            pending: integer(0),
            direct: integer(0),
            links: { total: integer(1), live: integer(0), used: integer(1), expired: integer(0) },
            credit: integer(999),
            spent: integer(1),
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).summary()).accepted).toBe(1);
      }));

  it('reads the default workflow rules', () =>
    http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a request for the default workflow rules')
      .withRequest('GET', '/kycrules/api/kycrules', (b) => b.headers(bearer()))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: { _id: like(WORKFLOW), allowedKycDocuments: eachLike('Passport') },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).kycRules()).allowedKycDocuments).toContain('Passport');
      }));

  it('verifies directly (Blaze 3.0 multipart) and reads the ACCEPTED record', () => {
    const [type, body] = upload({
      selfie: 'selfie',
      workflowId: WORKFLOW,
      document_1_front: 'passport',
      record_identifier: 'cust-42',
    });
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a direct verification of a passport')
      .withRequest('POST', '/api/v3/kyc_verification', (b) => form(b.headers(bearer()), type, body))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: true,
          code: 200,
          message: 'OK',
          appVersion: like('v3.0.0'),
          result: {
            link: null,
            record_identifier: 'cust-42',
            requestId: uuid(),
            decision: 'ACCEPTED',
            face_id: uuid(),
            document_data: eachLike({ document_type: 'P', passed: true }),
          },
        }),
      )
      .executeTest(async (mock) => {
        const v = await client(mock.url).verify({
          workflowId: WORKFLOW,
          selfie: 'selfie',
          documents: [{ front: 'passport' }],
          record_identifier: 'cust-42',
        });
        expect(v.result?.decision).toBe('ACCEPTED');
      });
  });

  it.each([
    ['SELFIE_LIVENESS_FAILED', 5004, false, 'Selfie liveness verification failed.'],
    [
      'DOCUMENT_FACE_MATCH_FAILED',
      5005,
      false,
      'The face in the document does not match the facial image provided.',
    ],
    [
      'MISMATCH_AS_PER_RULES',
      5007,
      false,
      'There is a mismatch in the information as per verification rules defined in the workflow',
    ],
    [
      'KYC_FAILED',
      5008,
      false,
      'Know Your Customer (KYC) verification failed. You can check the report in the Portal for more information',
    ],
    ['EXPIRED_DOCUMENT', 5010, false, 'The document has expired.'],
    ['EXPIRY_NOT_FOUND', 5011, false, 'The expiry date for the document was not found.'],
    [
      'FACE_CROPPED',
      8004,
      true,
      'The facial image provided is cropped. Please check the following Image Guidelines',
    ],
    [
      'FACE_TOO_CLOSED',
      8005,
      true,
      'The face in the image is too close for accurate verification. Please check the following Image Guidelines',
    ],
    [
      'FACE_NOT_FOUND',
      8006,
      true,
      'The API could not find a face in the image. Please check the following Image Guidelines',
    ],
  ] as const)(
    'reads a direct verification that answers %s (code %s)',
    (name, code, status, message) => {
      const selfie = `faceki-sandbox:${name}`;
      const [type, body] = upload({ selfie, workflowId: WORKFLOW, document_1_front: 'passport' });
      return http.pact
        .addInteraction()
        .given('a Faceki client has an access token', { clientId: CLIENT })
        .uponReceiving(`a direct verification whose selfie fails with ${name}`)
        .withRequest('POST', '/api/v3/kyc_verification', (b) =>
          form(b.headers(bearer()), type, body),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            status,
            code,
            message,
            appVersion: like('v3.0.0'),
            result: status ? null : { decision: 'DECLINED', notes: [name] },
          }),
        )
        .executeTest(async (mock) => {
          const v = await client(mock.url).verify({
            workflowId: WORKFLOW,
            selfie,
            documents: [{ front: 'passport' }],
          });
          expect([v.code, v.message]).toEqual([code, message]);
        });
    },
  );

  it('finds a verified person by face (search-by-face)', () => {
    const [type, body] = upload({ selfie: 'pact-selfie' });
    return http.pact
      .addInteraction()
      .given('a Faceki client has passed a direct verification', {
        clientId: CLIENT,
        selfie: 'pact-selfie',
      })
      .uponReceiving('a face search with the selfie of a verified person')
      .withRequest('POST', '/api/v3/kyc_verification/search-by-face', (b) =>
        form(b.headers(bearer()), type, body),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: true,
          code: 200,
          message: 'OK',
          appVersion: like('v3.0.0'),
          result: eachLike({
            link: null,
            record_identifier: 'cust-pact-1',
            requestId: uuid(),
            decision: 'ACCEPTED',
            face_id: uuid(),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const [found] = await client(mock.url).searchByFace('pact-selfie');
        expect(found!.record_identifier).toBe('cust-pact-1');
      });
  });

  it("verifies with the V2 multi-document call, as Faceki's React Native SDK does", () => {
    const [type, body] = upload({
      pp_front_image: 'passport-front',
      pp_back_image: 'passport-back',
      selfie_image: 'selfie',
    });
    return http.pact
      .addInteraction()
      .given('a Faceki client has an access token', { clientId: CLIENT })
      .uponReceiving('a V2 multi-document verification of the workflow documents')
      .withRequest('POST', '/kycverify/api/kycverify/multi-kyc-verification', (b) =>
        form(b.headers(bearer()), type, body),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          responseCode: 0,
          data: {
            verification: { passed: true, result: { face: true, notexpired: true } },
            responseID: uuid(),
            record: { decision: 'ACCEPTED', document_data: eachLike({ document_type: 'P' }) },
          },
        }),
      )
      .executeTest(async (mock) => {
        const v = await client(mock.url).multiVerify({
          pp_front_image: 'passport-front',
          pp_back_image: 'passport-back',
          selfie_image: 'selfie',
        });
        expect(v.responseCode).toBe(0);
      });
  });
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
