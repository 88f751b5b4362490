// Behaviour of the sandbox test taxIds: automatic outcomes on the organization's clock.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  advance,
  createEntity,
  createValidation,
  getValidation,
  gu1Call,
  move,
  ORG,
  sandbox,
} from './testing.js';

async function mock(sb: Sandbox, taxId: string, body: Record<string, unknown> = {}) {
  const entityId = await createEntity(sb, { taxId });
  const res = await createValidation(sb, entityId, body);
  expect(res.status).toBe(201);
  return { entityId, id: res.body.id as string, created: res.body };
}

const status = async (sb: Sandbox, id: string) => (await getValidation(sb, id)).body.status;

describe('gu1 sandbox test taxIds', () => {
  it('answers 201 pending with no provider session for a listed taxId', async () => {
    const sb = sandbox();
    const { created } = await mock(sb, '99.990.001');
    expect(created).toMatchObject({
      status: 'pending',
      sessionId: null,
      providerSessionUrl: null,
      isCurrent: true,
    });
  });

  it('moves by itself to the mapped outcome 30 s later on the clock, not before', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.001');
    await advance(sb, '29s');
    expect(await status(sb, id)).toBe('pending');
    await advance(sb, '1s');
    expect((await getValidation(sb, id)).body).toMatchObject({
      status: 'approved',
      verifiedAt: '2025-01-01T00:00:30.000Z',
      updatedAt: '2025-01-01T00:00:30.000Z',
      decision: { status: 'Approved' },
    });
  });

  it('ignores formatting: 99990001, 99-990-001 and 99.990.001 are one test number', async () => {
    for (const taxId of ['99990001', '99-990-001', ' 99 990 001 ']) {
      const sb = sandbox();
      const { id } = await mock(sb, taxId);
      await advance(sb, '30s');
      expect(await status(sb, id)).toBe('approved');
    }
  });

  it.each([
    ['99.990.002', 'rejected'],
    ['99.990.003', 'cancelled'],
    ['99.990.004', 'in_review'],
    ['99.990.005', 'abandoned'],
    ['99.990.006', 'expired'],
    ['99.990.007', 'rejected'],
  ])('maps %s to %s', async (taxId, outcome) => {
    const sb = sandbox();
    const { id } = await mock(sb, taxId);
    await advance(sb, '1m');
    expect(await status(sb, id)).toBe(outcome);
  });

  it('follows the normal flow for a taxId not in the table', async () => {
    const sb = sandbox();
    const { id, created } = await mock(sb, '99.990.999');
    expect(created.providerSessionUrl).toBe(`http://sandbox.test/verify/gu1/${id}`);
    await advance(sb, '1h');
    expect(await status(sb, id)).toBe('pending');
  });

  it('applies the due outcome on any request of the organization, or on the admin settle route', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.001');
    await advance(sb, '30s');
    await gu1Call(sb, 'GET', '/api/kyc/validations/unrelated');
    expect(
      sb.snapshot({ provider: 'gu1', tenant: ORG })[`gu1:${ORG}`].validations[0],
    ).toMatchObject({ id, status: 'approved' });

    const other = await mock(sb, '99.990.003');
    await advance(sb, '30s');
    const settled = await call(sb, 'POST', `/_sandbox/providers/gu1/organizations/${ORG}/settle`);
    expect(settled.status).toBe(200);
    expect(
      sb.snapshot({ provider: 'gu1', tenant: ORG })[`gu1:${ORG}`].validations[1],
    ).toMatchObject({ id: other.id, status: 'cancelled' });
  });

  it('never overwrites a manual decision with the automatic outcome', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.001');
    await move(sb, id, 'in_progress');
    await move(sb, id, 'rejected', 'Document looks edited');
    await advance(sb, '1h');
    expect(await status(sb, id)).toBe('rejected');
  });

  it('leaves an in_review outcome for a person to decide', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.004');
    await advance(sb, '30s');
    expect((await getValidation(sb, id)).body).toMatchObject({
      status: 'in_review',
      warnings: ['POSSIBLE_DUPLICATED_USER'],
      verifiedAt: null,
    });
    expect((await move(sb, id, 'approved')).body.state).toBe('approved');
    expect(await status(sb, id)).toBe('approved');
  });

  it('adds metadata.responseDoubleChecks.renaper when doubleCheckRenaper is sent', async () => {
    const sb = sandbox();
    const ok = await mock(sb, '99.990.001', { doubleCheckRenaper: true, metadata: { ref: 'a' } });
    const bad = await mock(sb, '99.990.007', { doubleCheckRenaper: true });
    const plain = await mock(sb, '99.990.002', { doubleCheckRenaper: true });
    await advance(sb, '30s');
    expect((await getValidation(sb, ok.id)).body.metadata).toEqual({
      ref: 'a',
      responseDoubleChecks: {
        renaper: { status: 'MATCH', valid: true, checkedAt: '2025-01-01T00:00:30.000Z' },
      },
    });
    const rejected = (await getValidation(sb, bad.id)).body;
    expect(rejected).toMatchObject({
      status: 'rejected',
      warnings: ['RENAPER_DATA_MISMATCH'],
      metadata: { responseDoubleChecks: { renaper: { status: 'NO_MATCH', valid: false } } },
    });
    expect((await getValidation(sb, plain.id)).body.metadata).toEqual({});
  });

  it('waits mockDelay when it is configured', async () => {
    const sb = sandbox({ options: { gu1: { mockDelay: '2m' } } });
    const { id } = await mock(sb, '99.990.001');
    await advance(sb, '1m');
    expect(await status(sb, id)).toBe('pending');
    await advance(sb, '1m');
    expect(await status(sb, id)).toBe('approved');
  });

  it('lists the table on the admin API', async () => {
    const res = await call(sandbox(), 'GET', '/_sandbox/providers/gu1/sandbox-taxids');
    expect(res.body).toContainEqual(
      expect.objectContaining({ taxId: '99.990.001', outcome: 'approved' }),
    );
  });
});
