import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  createLink,
  creds,
  expectCode,
  fk,
  image,
  move,
  sandbox,
  tokenFor,
  upload,
  V2,
  WORKFLOW,
  WORKFLOW_3_DOCS,
  type Upload,
} from './testing.js';

type Sb = ReturnType<typeof sandbox>;

const V3 = '/api/v3/kyc_verification';
const SEARCH = '/api/v3/kyc_verification/search-by-face';
const SINGLE = '/kycverify/api/kycverify/kyc-verification';
const MULTI = '/kycverify/api/kycverify/multi-kyc-verification';
const FACE_CHECK = '/facelink/api/face-check';
const RECORDS = '/kycverify/api/kycverify/records';
const INVALID =
  'Required fields in the request are either invalid or missing as per rules defined in the workflow';
const MISSING_DOCUMENT =
  'A required document for verification is missing as per the rules defined in the workflow';
const NO_CREDIT = 'There is insufficient credit in the wallet to perform the document verification';

/** A Blaze 3.0 request for the passport-only workflow (no back for a passport). */
const passport = (extra: Record<string, Upload> = {}): Record<string, Upload> => ({
  selfie: image('selfie-ada'),
  workflowId: WORKFLOW,
  document_1_front: image('passport'),
  record_identifier: 'cust-1',
  ...extra,
});

const wallet = async (sb: Sb, tenant = V2.clientId) =>
  (await call(sb, 'GET', `/_sandbox/providers/faceki/wallet?tenant=${tenant}`)).body;
const records = async (sb: Sb, token: string, query: string) =>
  (await fk(sb, 'GET', `${RECORDS}?${query}`, { token })).body.result;

describe('Faceki direct verification: POST /api/v3/kyc_verification (Blaze 3.0)', () => {
  it('verifies at once: 200 {status:true, code:200, message:OK, result:<the ACCEPTED record>}, one credit, its EKYC result', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const res = await upload(sb, V3, token, passport());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: true,
      code: 200,
      message: 'OK',
      appVersion: 'v3.0.0',
      result: {
        link: null,
        record_identifier: 'cust-1',
        workflowId: WORKFLOW,
        decision: 'ACCEPTED',
        document_data: [{ document_type: 'P', passed: true }],
        selfie_data: { liveness_pass: true },
      },
    });
    const { requestId, face_id } = res.body.result;
    expect(requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(face_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await wallet(sb)).toMatchObject({ credit: 999, spent: 1 });
    for (const q of [`requestId=${requestId}`, 'record_identifier=cust-1', `face_id=${face_id}`])
      expect(await records(sb, token, q)).toEqual([res.body.result]);
    const [hook] = (await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body;
    expect(hook).toMatchObject({ event: 'EKYC_RESULT' });
    expect(JSON.parse(hook.body)).toMatchObject({ requestId, status: 'ACCEPTED' });
  });

  it('gives the same selfie the same face_id, and another selfie another', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const a = (await upload(sb, V3, token, passport())).body.result.face_id;
    const b = (await upload(sb, V3, token, passport({ record_identifier: 'cust-2' }))).body.result
      .face_id;
    const c = (await upload(sb, V3, token, passport({ selfie: image('selfie-grace') }))).body.result
      .face_id;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect((await records(sb, token, `face_id=${a}`)).length).toBe(2);
  });

  it.each([
    ['DECLINED', false, 'DECLINED'],
    ['REVIEW', true, 'REVIEW'],
  ])(
    'decides %s when the selfie says faceki-sandbox:%s (status %s, code 200)',
    async (name, status, decision) => {
      const sb = sandbox();
      const res = await upload(
        sb,
        V3,
        await tokenFor(sb),
        passport({ selfie: image(`faceki-sandbox:${name}`) }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status, code: 200, message: 'OK', result: { decision } });
    },
  );

  it.each([
    ['SELFIE_LIVENESS_FAILED', 5004, 'Selfie liveness verification failed.'],
    [
      'DOCUMENT_FACE_MATCH_FAILED',
      5005,
      'The face in the document does not match the facial image provided.',
    ],
    [
      'MISMATCH_AS_PER_RULES',
      5007,
      'There is a mismatch in the information as per verification rules defined in the workflow',
    ],
    [
      'KYC_FAILED',
      5008,
      'Know Your Customer (KYC) verification failed. You can check the report in the Portal for more information',
    ],
    ['EXPIRED_DOCUMENT', 5010, 'The document has expired.'],
    ['EXPIRY_NOT_FOUND', 5011, 'The expiry date for the document was not found.'],
  ])(
    'answers 200 {status:false, code:%s…} and records a DECLINED verification for faceki-sandbox:%s',
    async (name, code, message) => {
      const sb = sandbox();
      const token = await tokenFor(sb);
      const res = await upload(
        sb,
        V3,
        token,
        passport({ selfie: image(`faceki-sandbox:${name}`) }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: false, code, message });
      const result = res.body.result;
      expect(result).toMatchObject({ decision: 'DECLINED', notes: [name] });
      expect(await records(sb, token, `requestId=${result.requestId}`)).toEqual([result]);
      expect(await wallet(sb)).toMatchObject({ credit: 999 });
    },
  );

  it('shapes the declined record after the failed check', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const run = async (name: string) =>
      (await upload(sb, V3, token, passport({ selfie: image(`faceki-sandbox:${name}`) }))).body
        .result;
    const liveness = await run('SELFIE_LIVENESS_FAILED');
    expect(liveness.selfie_data).toEqual({ liveness_pass: false });
    expect(liveness.verification_summary).toMatchObject({
      selfie_liveness_verified: false,
      face_verified: true,
    });
    const match = await run('DOCUMENT_FACE_MATCH_FAILED');
    expect(match.document_data[0].document_face_match.similarity).toBeLessThan(60);
    expect(match.verification_summary.face_verified).toBe(false);
    const expired = await run('EXPIRED_DOCUMENT');
    expect(Date.parse(expired.document_data[0].expiry)).toBeLessThan(Date.UTC(2025, 0, 1));
    expect((await run('EXPIRY_NOT_FOUND')).document_data[0].expiry).toBe('');
  });

  it.each([
    [
      'FACE_CROPPED',
      8004,
      'The facial image provided is cropped. Please check the following Image Guidelines',
    ],
    [
      'FACE_TOO_CLOSED',
      8005,
      'The face in the image is too close for accurate verification. Please check the following Image Guidelines',
    ],
    [
      'FACE_NOT_FOUND',
      8006,
      'The API could not find a face in the image. Please check the following Image Guidelines',
    ],
  ])(
    'answers 200 {status:true, code:%s, result:null} for faceki-sandbox:%s, recording and charging nothing',
    async (name, code, message) => {
      const sb = sandbox();
      const token = await tokenFor(sb);
      const res = await upload(
        sb,
        V3,
        token,
        passport({ selfie: image(`faceki-sandbox:${name}`) }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: true, code, message, appVersion: 'v3.0.0', result: null });
      expect(await records(sb, token, 'record_identifier=cust-1')).toEqual([]);
      expect(await wallet(sb)).toMatchObject({ credit: 1000, spent: 0 });
    },
  );

  it("needs each of the workflow's documents, and the back of all but a passport (5006)", async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const three = {
      selfie: image(),
      workflowId: WORKFLOW_3_DOCS,
      document_1_front: image('id-front'),
      document_1_back: image('id-back'),
      document_2_front: image('passport'),
      document_3_front: image('dl-front'),
      document_3_back: image('dl-back'),
    };
    const res = await upload(sb, V3, token, three);
    expect(
      res.body.result.document_data.map((d: { document_type: string }) => d.document_type),
    ).toEqual(['I', 'P', 'D']);
    for (const [missing, path] of [
      ['document_1_back', '/document_1_back'],
      ['document_2_front', '/document_2_front'],
      ['document_3_front', '/document_3_front'],
    ] as const) {
      const { [missing]: _gone, ...rest } = three;
      const refused = await upload(sb, V3, token, rest);
      expectCode(refused, 400, 5006, MISSING_DOCUMENT);
      expect(refused.body.data.issues).toEqual([{ path, message: 'is required' }]);
    }
    // An empty part is no image.
    expectCode(
      await upload(sb, V3, token, { ...three, document_2_front: { file: '' } }),
      400,
      5006,
      MISSING_DOCUMENT,
    );
  });

  it.each([
    ['no workflowId', { workflowId: '' }, '/workflowId'],
    ['no selfie', { selfie: { file: '' } }, '/selfie'],
    [
      'a 300-character record_identifier',
      { record_identifier: 'x'.repeat(300) },
      '/record_identifier',
    ],
    ['an unknown faceki-sandbox: outcome', { selfie: image('faceki-sandbox:MAYBE') }, '/selfie'],
  ] as const)('answers 400 responseCode 5002 for %s', async (_what, extra, path) => {
    const sb = sandbox();
    const res = await upload(sb, V3, await tokenFor(sb), passport(extra));
    expectCode(res, 400, 5002, INVALID);
    expect(res.body.data.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });

  it('answers 400 responseCode 5001 for an unknown workflowId', async () => {
    const sb = sandbox();
    expectCode(
      await upload(sb, V3, await tokenFor(sb), passport({ workflowId: 'no-such-workflow' })),
      400,
      5001,
      'Workflow rules necessary for processing are missing',
    );
  });

  it.each([
    ['a JSON body', '{"workflowId":"x"}', 'application/json'],
    ['a malformed multipart body', 'garbage', 'multipart/form-data; boundary=XYZ'],
  ])('answers 400 responseCode 400 for %s', async (_what, body, type) => {
    const sb = sandbox();
    expectCode(
      await fk(sb, 'POST', V3, {
        token: await tokenFor(sb),
        body,
        headers: { 'content-type': type },
      }),
      400,
      400,
      'The request sent to the API is malformed or incorrect',
    );
  });

  it('answers 401 responseCode 1 without a token, 402 5003 with an empty wallet, 500 for faceki-internal-error, 413 over the limit', async () => {
    const sb = sandbox({ bodyLimit: 4096 });
    expectCode(
      await upload(sb, V3, undefined, passport()),
      401,
      1,
      'Unauthorized: a Bearer token is required',
    );
    const empty = creds('faceki_test_client_no_credit', 'faceki_test_secret_no_credit_01');
    expectCode(await upload(sb, V3, await tokenFor(sb, empty), passport()), 402, 5003, NO_CREDIT);
    const token = await tokenFor(sb);
    expectCode(
      await upload(sb, V3, token, passport({ record_identifier: 'faceki-internal-error' })),
      500,
      500,
      'An internal server error occurred during the processing of the request',
    );
    expectCode(
      await upload(sb, V3, token, passport({ selfie: image('x'.repeat(5000)) })),
      413,
      400,
      'request entity too large',
    );
  });

  it('changes nothing on a refused request', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    await upload(sb, V3, token, passport({ workflowId: 'nope' }));
    await upload(sb, V3, token, passport({ document_1_front: { file: '' } }));
    await upload(sb, V3, token, passport({ record_identifier: 'faceki-internal-error' }));
    expect(await wallet(sb)).toMatchObject({ credit: 1000, spent: 0 });
    expect(sb.snapshot({ provider: 'faceki' })[`faceki:${V2.clientId}`]?.verifications).toBe(
      undefined,
    );
    expect((await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body).toEqual([]);
  });

  it('counts direct verifications in the summary', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    await upload(sb, V3, token, passport());
    await upload(sb, V3, token, passport({ selfie: image('faceki-sandbox:KYC_FAILED') }));
    expect(
      (await fk(sb, 'GET', '/kycverify/api/kycverify/kyc-verify-summary', { token })).body.data,
    ).toMatchObject({ total: 2, accepted: 1, declined: 1, direct: 2, credit: 998 });
  });
});

describe('Faceki face search: search-by-face (Blaze 3.0) and face-check (V2)', () => {
  it('finds the records of people who passed KYC with that face, for one credit each search', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const passed = (await upload(sb, V3, token, passport())).body.result;
    await upload(sb, V3, token, passport({ selfie: image('faceki-sandbox:DECLINED') }));
    const found = await upload(sb, SEARCH, token, { selfie: image('selfie-ada') });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      status: true,
      code: 200,
      message: 'OK',
      appVersion: 'v3.0.0',
      result: [passed],
    });
    const v2 = await upload(sb, FACE_CHECK, token, { selfie_image: image('selfie-ada') });
    expect(v2.body).toEqual({ responseCode: 0, data: [passed] });
    // A declined face is not one that passed KYC; an unseen face matches nothing.
    for (const selfie of ['faceki-sandbox:DECLINED', 'selfie-nobody'])
      expect((await upload(sb, SEARCH, token, { selfie: image(selfie) })).body.result).toEqual([]);
    expect(await wallet(sb)).toMatchObject({ credit: 1000 - 2 - 4, spent: 6 });
  });

  it('answers 5002 without the selfie, 5003 with an empty wallet, 401 without a token', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    expectCode(await upload(sb, SEARCH, token, { selfie_image: image() }), 400, 5002, INVALID);
    expectCode(await upload(sb, FACE_CHECK, token, { selfie: image() }), 400, 5002, INVALID);
    const empty = creds('faceki_test_client_no_credit', 'faceki_test_secret_no_credit_01');
    expectCode(
      await upload(sb, SEARCH, await tokenFor(sb, empty), { selfie: image() }),
      402,
      5003,
      NO_CREDIT,
    );
    expectCode(
      await upload(sb, FACE_CHECK, undefined, { selfie_image: image() }),
      401,
      1,
      'Unauthorized: a Bearer token is required',
    );
  });

  it("gives a decided link's record a face_id, which Fetch Records finds", async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const { id } = await createLink(sb, token);
    await move(sb, id, 'SUBMITTED');
    expect((await records(sb, token, `link=${id}`))[0].face_id).toBeNull();
    await move(sb, id, 'ACCEPTED');
    const [record] = await records(sb, token, `link=${id}`);
    expect(await records(sb, token, `face_id=${record.face_id}`)).toEqual([record]);
  });
});

describe('Faceki V2 direct verification: kyc-verification and multi-kyc-verification', () => {
  const single = (extra: Record<string, Upload> = {}) => ({
    selfie_image: image('selfie'),
    doc_front_image: image('front'),
    doc_back_image: image('back'),
    ...extra,
  });

  it('answers {responseCode:0, data:{verification, face, confidence, responseID, record}}', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const res = await upload(sb, SINGLE, token, single());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responseCode: 0,
      data: {
        verification: { passed: true, result: { face: true, notexpired: true } },
        face: { isIdentical: true },
        record: { decision: 'ACCEPTED', link: null, record_identifier: null },
      },
    });
    const { responseID, confidence } = res.body.data;
    expect(res.body.data.record.requestId).toBe(responseID);
    expect(Object.values(confidence).every((n) => typeof n === 'number' && n >= 0 && n <= 1)).toBe(
      true,
    );
    expect(
      (await fk(sb, 'GET', `/kycverify/api/kycverify/request?requestId=${responseID}`, { token }))
        .body.data,
    ).toEqual([res.body.data.record]);
  });

  it('answers a failed check with its code and wording, and an image problem with no data', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const declined = await upload(
      sb,
      SINGLE,
      token,
      single({ selfie_image: image('faceki-sandbox:SELFIE_LIVENESS_FAILED') }),
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      responseCode: 5004,
      message: 'Selfie liveness verification failed.',
      data: { verification: { passed: false }, record: { decision: 'DECLINED' } },
    });
    const cropped = await upload(sb, MULTI, token, {
      selfie_image: image('faceki-sandbox:FACE_CROPPED'),
      pp_front_image: image(),
    });
    expect(cropped.body).toEqual({
      responseCode: 8004,
      message: 'The facial image provided is cropped. Please check the following Image Guidelines',
      data: null,
    });
  });

  it('needs selfie_image (5002), doc_front_image and doc_back_image (5006), and the client workflow (5001)', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    expectCode(
      await upload(sb, SINGLE, token, single({ selfie_image: { file: '' } })),
      400,
      5002,
      INVALID,
    );
    expectCode(
      await upload(sb, SINGLE, token, single({ doc_back_image: { file: '' } })),
      400,
      5006,
      MISSING_DOCUMENT,
    );
    const noRules = creds('faceki_test_client_no_rules', 'faceki_test_secret_no_rules_001');
    expectCode(
      await upload(sb, SINGLE, await tokenFor(sb, noRules), single()),
      400,
      5001,
      'Workflow rules necessary for processing are missing',
    );
  });

  it("multi: needs the client workflow's documents by default (a passport's back optional)", async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const res = await upload(sb, MULTI, token, {
      selfie_image: image(),
      pp_front_image: image('passport'),
    });
    expect(res.body).toMatchObject({
      responseCode: 0,
      data: { record: { document_data: [{ document_type: 'P' }] } },
    });
    const refused = await upload(sb, MULTI, token, {
      selfie_image: image(),
      id_front_image: image(),
      id_back_image: image(),
    });
    expectCode(refused, 400, 5006, MISSING_DOCUMENT);
    expect(refused.body.data.issues).toEqual([{ path: '/pp_front_image', message: 'is required' }]);
  });

  it("multi: with v2MultiDocuments=id-required, the V2 page's list (ID card required, licence and passport optional)", async () => {
    const sb = sandbox({ options: { faceki: { v2MultiDocuments: 'id-required' } } });
    const token = await tokenFor(sb);
    expectCode(
      await upload(sb, MULTI, token, { selfie_image: image(), pp_front_image: image() }),
      400,
      5006,
      MISSING_DOCUMENT,
    );
    const res = await upload(sb, MULTI, token, {
      selfie_image: image(),
      id_front_image: image(),
      id_back_image: image(),
      dl_front_image: image(),
      dl_back_image: image(),
    });
    expect(
      res.body.data.record.document_data.map((d: { document_type: string }) => d.document_type),
    ).toEqual(['I', 'D']);
  });
});
