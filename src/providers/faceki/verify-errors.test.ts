// Faceki Blaze 3.0 direct verification: refused requests (5001/5002/5006, 400, 401, 402, 413, 500) and the summary.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  creds,
  expectCode,
  fk,
  image,
  INVALID,
  MISSING_DOCUMENT,
  NO_CREDIT,
  passport,
  sandbox,
  tokenFor,
  upload,
  V2,
  V3,
  wallet,
  WORKFLOW_3_DOCS,
} from './testing.js';

describe('Faceki direct verification: POST /api/v3/kyc_verification (Blaze 3.0)', () => {
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
