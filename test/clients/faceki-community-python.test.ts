// A community Python client for Faceki V2, class BleuAPIClient (one of the "community clients" of
// providers.md §3.9; a public copy, no repository named there), replayed request by request:
// make_request() sends requests.get(url, params=…) or requests.post(url, data=…, files=…), with
// `Authorization: Bearer <token>` once get_access_token() has read responseCode (0 → SUCCESS in its
// RESPONSE_CODES), data.access_token and data.expires_in from GET access-token?clientId&clientSecret;
// records by link with `?linkId=`, by request with records?requestId=, by reference with
// reference?referenceId=; single, multiple and face-match verifications as multipart 3-tuples
// (filename, file, 'image/jpeg'); generate_kyc_link() posts data={} with no files (no body at all).
// raise_for_status(): any 4xx/5xx is printed and the call returns None; otherwise response.json().
import { describe, expect, it } from 'vitest';
import { wireMultipart } from '../../src/providers/faceki/testing.js';
import { call, testSandbox } from '../helpers.js';

const CLIENT_ID = 'faceki_test_client_v2';
const CLIENT_SECRET = 'faceki_test_secret_v2_000001';
const REQUESTS = {
  'User-Agent': 'python-requests/2.31.0',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
};
const BOUNDARY = '3b7e0c1d2f4a4e8d9c6b5a4f3e2d1c0b';
const RESPONSE_CODES: Record<number, string> = { 0: 'SUCCESS', 1000: 'INTERNAL_SYSTEM_ERROR' };

type Sb = ReturnType<typeof testSandbox>;

function bleuApiClient(sb: Sb) {
  let headers: Record<string, string> = REQUESTS;
  const get = (endpoint: string, params: Record<string, string>) =>
    call(sb, 'GET', `/faceki/${endpoint}?${new URLSearchParams(params)}`, { headers });
  const files = (endpoint: string, parts: [string, string][]) =>
    call(sb, 'POST', `/faceki/${endpoint}`, {
      headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: wireMultipart(
        parts.map(([name, path]) => ({
          name,
          value: `JFIF ${path}`,
          filename: path.split('/').pop(),
          contentType: 'image/jpeg',
        })),
        BOUNDARY,
      ),
    });
  return {
    async get_access_token() {
      const res = await get('auth/api/access-token', {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      });
      expect(res.status).toBe(200);
      expect(RESPONSE_CODES[res.body.responseCode]).toBe('SUCCESS');
      expect(typeof res.body.data.expires_in).toBe('number'); // timedelta(seconds=expires_in)
      headers = { ...REQUESTS, Authorization: `Bearer ${res.body.data.access_token}` };
    },
    kyc_records_by_link: (link: string) => get('kycverify/api/kycverify/link', { linkId: link }),
    kyc_records_by_request_id: (requestId: string) =>
      get('kycverify/api/kycverify/records', { requestId }),
    // The module defines kyc_records_by_request_id twice; the second (by reference) wins in Python.
    kyc_records_by_reference: (reference: string) =>
      get('kycverify/api/kycverify/reference', { referenceId: reference }),
    single_kyc_verification: () =>
      files('kycverify/api/kycverify/kyc-verification', [
        ['selfie_image', '/tmp/selfie.jpg'],
        ['doc_front_image', '/tmp/front.jpg'],
        ['doc_back_image', '/tmp/back.jpg'],
      ]),
    multiple_kyc_verification: () =>
      files('kycverify/api/kycverify/multi-kyc-verification', [
        ['selfie_image', '/tmp/selfie.jpg'],
        ['id_front_image', '/tmp/id-front.jpg'],
        ['id_back_image', '/tmp/id-front.jpg'], // sic: it opens the front image for the back
        ['pp_front_image', '/tmp/pp-front.jpg'],
        ['pp_back_image', '/tmp/pp-front.jpg'],
      ]),
    face_match_verification: () =>
      files('facelink/api/face-check', [['selfie_image', '/tmp/selfie.jpg']]),
    // requests.post(url, data={}, headers=headers): an empty form sends no body and no Content-Type.
    generate_kyc_link: () =>
      call(sb, 'POST', '/faceki/kycverify/api/kycverify/kyc-verify-link', { headers }),
  };
}

describe('BleuAPIClient (community Python client) against the sandbox', () => {
  it('gets a token, verifies (single and multiple), and reads the records by requestId and by selfie', async () => {
    const sb = testSandbox();
    const client = bleuApiClient(sb);
    await client.get_access_token();
    const single = await client.single_kyc_verification();
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({
      responseCode: 0,
      data: { verification: { passed: true } },
    });
    const multiple = await client.multiple_kyc_verification();
    expect(multiple.status).toBe(200);
    expect(multiple.body.responseCode).toBe(0);
    const byRequest = await client.kyc_records_by_request_id(single.body.data.responseID);
    expect(byRequest.status).toBe(200);
    expect(byRequest.body.result).toHaveLength(1);
    const face = await client.face_match_verification();
    expect(face.status).toBe(200);
    // The same selfie file both times: one face, both passed verifications.
    expect(face.body.data).toHaveLength(2);
  });

  it('reads the records of a link by linkId, and by reference', async () => {
    const sb = testSandbox();
    const client = bleuApiClient(sb);
    await client.get_access_token();
    // The link comes from the integrator's own code: this client's generate_kyc_link sends no body.
    const link = await call(sb, 'POST', '/faceki/kycverify/api/kycverify/kyc-verify-link', {
      headers: await tokenHeaders(sb),
      json: { expiryTime: '30', applicationId: 'order-77' },
    });
    await call(sb, 'POST', `/_sandbox/sessions/${link.body.data}/transition`, {
      json: { state: 'DECLINED', reason: 'DOCUMENT_EXPIRED' },
    });
    const byLink = await client.kyc_records_by_link(link.body.data);
    expect(byLink.status).toBe(200);
    expect(byLink.body.data[0]).toMatchObject({
      decision: 'DECLINED',
      notes: ['DOCUMENT_EXPIRED'],
    });
    const byReference = await client.kyc_records_by_reference('order-77');
    expect(byReference.status).toBe(200);
    expect(byReference.body.data).toHaveLength(1);
  });

  it('gets a clear 400 (code 400) for generate_kyc_link(), which sends no body', async () => {
    const sb = testSandbox();
    const client = bleuApiClient(sb);
    await client.get_access_token();
    const res = await client.generate_kyc_link();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: 400,
      message: 'The request sent to the API is malformed or incorrect',
    });
  });
});

/** A Bearer header for the integrator's own calls. */
async function tokenHeaders(sb: Sb): Promise<Record<string, string>> {
  const res = await call(
    sb,
    'GET',
    `/faceki/auth/api/access-token?clientId=${CLIENT_ID}&clientSecret=${CLIENT_SECRET}`,
  );
  return { authorization: `Bearer ${res.body.data.access_token}` };
}
