// Faceki's official Python client, `facekiapiclientv2` 1.2 (by Faceki, on PyPI; its module
// facekiapiclientv2.py, class FacekiAPIClientV2), replayed request by request as the research
// notes (providers.md §3.9) describe it and as the module writes them: python-requests' headers, the
// token from GET access-token at construction, `Authorization: Bearer <token>`, a link body of
// `expiryTime: 0` as a number and null for every unset field (json.dumps spacing), records by
// `?linkId=`, the summary, rules, records by requestId and reference, multipart images with
// 2-tuple files (no part Content-Type). The client accepts HTTP 200 (201 for the link) and reads
// the JSON; anything else it raises as "Request failed with status code N".
import { describe, expect, it } from 'vitest';
import { wireMultipart } from '../../src/providers/faceki/testing.js';
import { call, testSandbox } from '../helpers.js';

const CLIENT_ID = 'faceki_test_client_v2';
const CLIENT_SECRET = 'faceki_test_secret_v2_000001';
// What python-requests sends on every call.
const REQUESTS = {
  'User-Agent': 'python-requests/2.31.0',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
};
const BOUNDARY = '9f1c2b7e4a5d4c3b8e6f0a1b2c3d4e5f'; // urllib3: 32 hex digits
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Sb = ReturnType<typeof testSandbox>;

/** The module's calls, each as it builds it. */
function facekiApiClientV2(sb: Sb, token: string) {
  const bearer = { ...REQUESTS, Authorization: `Bearer ${token}` };
  const get = (path: string) => call(sb, 'GET', `/faceki${path}`, { headers: bearer });
  // requests.post(url, headers=headers, files=files): 2-tuples (filename, file), no part Content-Type.
  const files = (path: string, names: string[], selfie = 'JFIF selfie') =>
    call(sb, 'POST', `/faceki${path}`, {
      headers: { ...bearer, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: wireMultipart(
        names.map((name) => ({
          name,
          filename: `${name}.jpg`,
          value: name === 'selfie_image' ? selfie : `JFIF ${name}`,
        })),
        BOUNDARY,
      ),
    });
  return {
    // payload = {'expiryTime': expireTime, 'applicationId': ..., ...}; requests.post(json=payload)
    generateKYCLink: () =>
      call(sb, 'POST', '/faceki/kycverify/api/kycverify/kyc-verify-link', {
        headers: { ...bearer, 'Content-Type': 'application/json' },
        body: '{"expiryTime": 0, "applicationId": null, "redirect_url": null, "document_optional": null, "require_additional_doc": null}',
      }),
    getKYCrecordsByLink: (linkId?: string) =>
      get(`/kycverify/api/kycverify/link${linkId === undefined ? '' : `?linkId=${linkId}`}`),
    getKycSummary: () => get('/kycverify/api/kycverify/kyc-verify-summary'),
    getKYCRules: () => get('/kycrules/api/kycrules'),
    getKYCRecordByRequestId: (requestId: string) =>
      get(`/kycverify/api/kycverify/records?requestId=${requestId}`),
    getKYCRecordByReference: (referenceId: string) =>
      get(`/kycverify/api/kycverify/reference?referenceId=${referenceId}`),
    requestKYC: (selfie?: string) =>
      files(
        '/kycverify/api/kycverify/multi-kyc-verification',
        [
          'selfie_image',
          'id_front_image',
          'id_back_image',
          'dl_front_image',
          'dl_back_image',
          'pp_front_image',
          'pp_back_image',
        ],
        selfie,
      ),
    getKYCrecordsBySelfie: (selfie?: string) =>
      files('/facelink/api/face-check', ['selfie_image'], selfie),
  };
}

/** __init__: generate_token() — GET access-token with the credentials concatenated into the URL. */
async function construct(sb: Sb) {
  const res = await call(
    sb,
    'GET',
    `/faceki/auth/api/access-token?clientId=${CLIENT_ID}&clientSecret=${CLIENT_SECRET}`,
    { headers: REQUESTS },
  );
  expect(res.status).toBe(200);
  const token: unknown = res.body.data.access_token; // resp["data"]["access_token"]
  expect(typeof token).toBe('string');
  return facekiApiClientV2(sb, token as string);
}

describe('facekiapiclientv2 (Faceki official Python client) against the sandbox', () => {
  it('creates a link with expiryTime 0 and nulls, reads its records by linkId, then the summary', async () => {
    const sb = testSandbox();
    const client = await construct(sb);
    const link = await client.generateKYCLink();
    expect([200, 201]).toContain(link.status);
    expect(link.body).toMatchObject({ responseCode: 0 });
    expect(link.body.data).toMatch(UUID);
    expect(link.body.url).toBe(`http://sandbox.test/verify/faceki/kycverify/${link.body.data}`);
    // Nothing yet: the person has not opened the link.
    const before = await client.getKYCrecordsByLink(link.body.data);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ responseCode: 0, data: [] });
    await call(sb, 'POST', `/_sandbox/sessions/${link.body.data}/transition`, {
      json: { state: 'ACCEPTED' },
    });
    const after = await client.getKYCrecordsByLink(link.body.data);
    expect(after.status).toBe(200);
    expect(after.body.data).toHaveLength(1);
    expect(after.body.data[0]).toMatchObject({ link: link.body.data, decision: 'ACCEPTED' });
    const summary = await client.getKycSummary();
    expect(summary.status).toBe(200);
    expect(summary.body.data).toMatchObject({ total: 1, accepted: 1, links: { used: 1 } });
  });

  it('reads the rules, and records by requestId and by reference', async () => {
    const sb = testSandbox();
    const client = await construct(sb);
    const rules = await client.getKYCRules();
    expect(rules.status).toBe(200);
    expect(rules.body.data.allowedKycDocuments).toEqual(['Passport']);
    const verified = await client.requestKYC();
    expect(verified.status).toBe(200);
    expect(verified.body.responseCode).toBe(0);
    const requestId = verified.body.data.responseID;
    const byRequest = await client.getKYCRecordByRequestId(requestId);
    expect(byRequest.status).toBe(200);
    expect(byRequest.body.result.map((r: { requestId: string }) => r.requestId)).toEqual([
      requestId,
    ]);
    // A V2 verification carries no reference: the lookup answers an empty list, not an error.
    const byReference = await client.getKYCRecordByReference('no-such-reference');
    expect(byReference.status).toBe(200);
    expect(byReference.body).toEqual({ responseCode: 0, data: [] });
  });

  it('verifies with requestKYC (multi-kyc-verification) and finds the person again by selfie (face-check)', async () => {
    const sb = testSandbox();
    const client = await construct(sb);
    const verified = await client.requestKYC('JFIF same-selfie');
    expect(verified.status).toBe(200);
    expect(verified.body.data.verification.passed).toBe(true);
    const found = await client.getKYCrecordsBySelfie('JFIF same-selfie');
    expect(found.status).toBe(200);
    expect(found.body.data.map((r: { requestId: string }) => r.requestId)).toEqual([
      verified.body.data.responseID,
    ]);
  });

  it('gets a clear 400 for getKYCrecordsByLink() without a linkId (it raises on any non-200)', async () => {
    const sb = testSandbox();
    const client = await construct(sb);
    const res = await client.getKYCrecordsByLink();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: 400,
      message: 'The request sent to the API is malformed or incorrect',
      data: { issues: [{ path: 'linkId', message: 'is required' }] },
    });
  });
});
