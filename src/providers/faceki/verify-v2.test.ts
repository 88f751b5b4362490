// Faceki face search (search-by-face, face-check) and V2 direct verification (kyc-verification, multi).
import { describe, expect, it } from 'vitest';
import {
  createLink,
  creds,
  expectCode,
  fk,
  image,
  INVALID,
  MISSING_DOCUMENT,
  move,
  NO_CREDIT,
  passport,
  records,
  sandbox,
  tokenFor,
  upload,
  V3,
  wallet,
  type Upload,
} from './testing.js';

const SEARCH = '/api/v3/kyc_verification/search-by-face';
const SINGLE = '/kycverify/api/kycverify/kyc-verification';
const MULTI = '/kycverify/api/kycverify/multi-kyc-verification';
const FACE_CHECK = '/facelink/api/face-check';

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
