// Faceki link validation (validate-kyc-verify-link) and workflow rules (kycrules).
import { describe, expect, it } from 'vitest';
import {
  advance,
  createLink,
  expectCode,
  fk,
  move,
  sandbox,
  tokenFor,
  v2Body,
  V2,
  VALIDATE,
  WORKFLOW,
  WORKFLOW_3_DOCS,
} from './testing.js';

describe('Faceki link validation and rules', () => {
  it('tells live, used and expired apart', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const used = await createLink(sb, token);
    await move(sb, used.id, 'ACCEPTED');
    const expiring = await createLink(sb, token, v2Body({ expiryTime: '5' }));
    const status = async (id: string) =>
      (await fk(sb, 'GET', `${VALIDATE}?url=${id}`, { token })).body.data;
    expect(await status(expiring.id)).toMatchObject({
      valid: true,
      status: 'live',
      state: 'CREATED',
      expiryTime: 5,
      redirect_url: 'https://partner.example/done',
    });
    expect(await status(used.id)).toMatchObject({
      valid: false,
      status: 'used',
      state: 'ACCEPTED',
    });
    await advance(sb, V2.clientId, '5m');
    expect(await status(expiring.id)).toMatchObject({
      valid: false,
      status: 'expired',
      state: 'EXPIRED',
    });
  });

  it('answers 404 responseCode 1 for an unknown link and 400 without url', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    expectCode(
      await fk(sb, 'GET', `${VALIDATE}?url=https://apps.faceki.com/kycverify/nope`, { token }),
      404,
      1,
      'Invalid URL: no KYC link nope',
    );
    expectCode(
      await fk(sb, 'GET', VALIDATE, { token }),
      400,
      400,
      'The request sent to the API is malformed or incorrect',
    );
  });

  it('serves the default workflow rules, another by workflowId, and 5001 for an unknown one', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const rules = (await fk(sb, 'GET', '/kycrules/api/kycrules', { token })).body;
    expect(rules).toMatchObject({
      responseCode: 0,
      data: { _id: WORKFLOW, allowedKycDocuments: ['Passport'], status: 'ACTIVE' },
    });
    expect(
      (await fk(sb, 'GET', `/kycrules/api/kycrules?workflowId=${WORKFLOW_3_DOCS}`, { token })).body
        .data.allowedKycDocuments,
    ).toHaveLength(3);
    expectCode(
      await fk(sb, 'GET', '/kycrules/api/kycrules?workflowId=nope', { token }),
      400,
      5001,
      'Workflow rules necessary for processing are missing',
    );
  });
});
