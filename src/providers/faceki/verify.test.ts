// Faceki Blaze 3.0 direct verification: accepted, declined and image-problem outcomes.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  image,
  passport,
  records,
  sandbox,
  tokenFor,
  upload,
  V3,
  wallet,
  WORKFLOW,
} from './testing.js';

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
});
