// Faceki's React Native SDK (V2), its service layer replayed request by request:
// github.com/faceki/react-native-sdk-v2 @ e33a41bddaaa7e228bc7e29ee39a74aebd5cc1c7 —
// src/services/httpService.ts (an axios request interceptor that first GETs
// /auth/api/access-token?clientId=…&clientSecret=… and sets `Authorization: Bearer
// ${token?.data?.access_token}` on every call), src/services/KYCService.ts (GET
// /kycrules/api/kycrules; POST /kycverify/api/kycverify/multi-kyc-verification with
// `Content-Type: multipart/form-data`), App.tsx (reads res.data.data.allowedKycDocuments, one camera
// screen per document then the selfie) and src/screens/facekiEngine.tsx (parts id_/dl_/pp_
// front/back and selfie_image, each a file `photo_<key>.jpg` of type image/jpeg; "Verified" when
// res.data.responseCode == 0, else "Please try again"). axios rejects any non-2xx answer.
import { describe, expect, it } from 'vitest';
import { wireMultipart } from '../../src/providers/faceki/testing.js';
import { call, testSandbox } from '../helpers.js';

// facekiConfig.ts ships "DummyID"/"DummySecret"; an integrator puts a real pair there.
const CLIENT_ID = 'faceki_test_client_v2';
const CLIENT_SECRET = 'faceki_test_secret_v2_000001';
const AXIOS = { Accept: 'application/json, text/plain, */*' };
const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW'; // React Native's FormData boundary style
// FieldNames in facekiEngine.tsx: the part names per document.
const FIELDS: Record<string, [string, string]> = {
  'ID Card': ['id_front_image', 'id_back_image'],
  'Driving License': ['dl_front_image', 'dl_back_image'],
  Passport: ['pp_front_image', 'pp_back_image'],
};

type Sb = ReturnType<typeof testSandbox>;

/** The interceptor: a fresh token before every request. */
async function interceptor(sb: Sb): Promise<Record<string, string>> {
  const res = await call(
    sb,
    'GET',
    `/faceki/auth/api/access-token?clientId=${CLIENT_ID}&clientSecret=${CLIENT_SECRET}`,
    { headers: AXIOS },
  );
  expect(res.status).toBe(200);
  return { ...AXIOS, Authorization: `Bearer ${res.body?.data?.access_token}` };
}

/** App.tsx's start, then a capture of each document and the selfie, then SubmitKYC. */
async function runSdk(sb: Sb, selfie = 'JFIF selfie') {
  const rules = await call(sb, 'GET', '/faceki/kycrules/api/kycrules', {
    headers: await interceptor(sb),
  });
  expect(rules.status).toBe(200);
  const data = rules.body.data;
  // if(!data && !data?.allowedKycDocuments) → the "workflows are not configured" alert
  expect(data?.allowedKycDocuments?.length).toBeGreaterThan(0);
  const screens = [...data.allowedKycDocuments, 'selfie'];
  const payload: [string, string][] = [];
  for (const screen of screens) {
    if (screen === 'selfie') payload.push(['selfie_image', selfie]);
    else {
      const [front, back] = FIELDS[screen]!;
      payload.push([front, `JFIF ${front}`], [back, `JFIF ${back}`]);
    }
  }
  const submit = await call(sb, 'POST', '/faceki/kycverify/api/kycverify/multi-kyc-verification', {
    headers: {
      ...(await interceptor(sb)),
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    body: wireMultipart(
      payload.map(([key, value]) => ({
        name: key,
        value,
        filename: `photo_${key}.jpg`,
        contentType: 'image/jpeg',
      })),
      BOUNDARY,
    ),
  });
  return { screens, submit };
}

describe('faceki/react-native-sdk-v2 service layer against the sandbox', () => {
  it('walks the workflow rules, submits the documents and selfie, and shows "Verified" (responseCode 0)', async () => {
    const sb = testSandbox();
    const { screens, submit } = await runSdk(sb);
    expect(screens).toEqual(['Passport', 'selfie']);
    expect(submit.status).toBe(200);
    expect(Number(submit.body.responseCode) === 0).toBe(true); // the SDK tests responseCode == 0
    expect(
      submit.body.data.record.document_data.map((d: { document_type: string }) => d.document_type),
    ).toEqual(['P']);
  });

  it('shows "Please try again" for a verification that did not pass (a 2xx, responseCode ≠ 0)', async () => {
    const sb = testSandbox();
    const { submit } = await runSdk(sb, 'JFIF faceki-sandbox:FACE_CROPPED');
    expect(submit.status).toBe(200); // axios resolves; the SDK then branches on responseCode
    expect(submit.body.responseCode).toBe(8004);
  });

  it('gets a clear 400 (5006), which axios rejects, when a workflow document is not sent', async () => {
    const sb = testSandbox();
    const res = await call(sb, 'POST', '/faceki/kycverify/api/kycverify/multi-kyc-verification', {
      headers: {
        ...(await interceptor(sb)),
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: wireMultipart(
        [{ name: 'selfie_image', value: 'JFIF', filename: 'photo_selfie_image.jpg' }],
        BOUNDARY,
      ),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: 5006,
      data: { issues: [{ path: '/pp_front_image', message: 'is required' }] },
    });
  });
});
