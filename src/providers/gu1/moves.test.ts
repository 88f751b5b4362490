// Behaviour of gu1's moves on a validation: cancel, deletion, and organization integrations.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  advance,
  cancel,
  createEntity,
  createValidation,
  decide,
  entityStatus,
  expectError,
  getValidation,
  gu1Call,
  lastPayload,
  mock,
  ORG,
  sandbox,
  sent,
  snapshotOf,
  started,
  sync,
  TERMINAL,
  THEM,
  walked,
} from './testing.js';

describe('gu1 DELETE /api/kyc/validations/{id}/cancel', () => {
  it('cancels a pending validation: cancelled, no longer current, reason in metadata, webhook sent', async () => {
    const sb = sandbox();
    const { id, entityId } = await started(sb, undefined, { metadata: { ref: 'a' } });
    await advance(sb, '1m');
    const res = await cancel(sb, id, '  User requested to cancel the verification process ');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      status: 'cancelled',
      isCurrent: false,
      updatedAt: '2025-01-01T00:01:00.000Z',
      verifiedAt: null,
      metadata: {
        ref: 'a',
        cancellationReason: 'User requested to cancel the verification process',
      },
    });
    expect((await getValidation(sb, id)).body).toEqual(res.body);
    expectError(
      await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`),
      404,
      'NO_CURRENT_VALIDATION',
      'No Current Validation Found',
    );
    expect(sent(sb)).toEqual(['kyc.validation_created', 'kyc.validation_cancelled']);
    expect(lastPayload(sb, 'kyc.validation_cancelled')).toMatchObject({
      id,
      status: 'cancelled',
      isCurrent: false,
    });
  });

  it('closes the link: the provider session is gone, and the page says the company cancelled it', async () => {
    const sb = sandbox();
    const { id, created } = await started(sb);
    await cancel(sb, id);
    const page = await call(sb, 'GET', new URL(created.providerSessionUrl).pathname);
    expect(page.status).toBe(410);
    expect(page.text).toContain('cancelled the verification');
  });

  it.each([
    ['in_progress', ['in_progress']],
    ['in_review', ['in_progress', 'in_review']],
  ])('cancels from %s', async (_from, path) => {
    const sb = sandbox();
    const { id } = await walked(sb, path);
    expect((await cancel(sb, id)).body.status).toBe('cancelled');
  });

  it.each(TERMINAL)(
    'answers 400 INVALID_STATUS for a %s validation and changes nothing',
    async (status, path) => {
      const sb = sandbox();
      const { id } = await walked(sb, path);
      const before = snapshotOf(sb);
      const res = await cancel(sb, id);
      expectError(
        res,
        400,
        'INVALID_STATUS',
        'Validation can only be cancelled if status is pending, in_progress, or in_review',
      );
      expect(res.body.error.details).toEqual({ status });
      expect(snapshotOf(sb)).toBe(before);
    },
  );

  it('refuses in_review with cancellableFrom=pending-in_progress (the overview paragraph)', async () => {
    const sb = sandbox({ options: { gu1: { cancellableFrom: 'pending-in_progress' } } });
    const { id } = await walked(sb, ['in_progress', 'in_review']);
    expectError(
      await cancel(sb, id),
      400,
      'INVALID_STATUS',
      'Validation can only be cancelled if status is pending or in_progress',
    );
    const other = await started(sb);
    expect((await cancel(sb, other.id)).status).toBe(200);
  });

  it.each([
    ['a missing reason', {}],
    ['a 4-character reason', { reason: 'oops' }],
    ['a reason of spaces around 4 characters', { reason: '   oops   ' }],
    ['a reason that is not a string', { reason: 12345 }],
    ['a null reason', { reason: null }],
  ])('answers 400 INVALID_REASON for %s', async (_what, body) => {
    const sb = sandbox();
    const { id } = await started(sb);
    const res = await gu1Call(sb, 'DELETE', `/api/kyc/validations/${id}/cancel`, body);
    expectError(res, 400, 'INVALID_REASON', 'Reason must be at least 5 characters');
    expect((await getValidation(sb, id)).body.status).toBe('pending');
  });

  it('answers 400 INVALID_REASON to a DELETE with no body at all', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    expectError(
      await gu1Call(sb, 'DELETE', `/api/kyc/validations/${id}/cancel`),
      400,
      'INVALID_REASON',
      'Reason must be at least 5 characters',
    );
  });

  it('answers 400 VALIDATION_ERROR for a reason over 1000 characters, and 400 INVALID_BODY for malformed JSON', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    expectError(
      await cancel(sb, id, 'x'.repeat(1001)),
      400,
      'VALIDATION_ERROR',
      'Validation failed',
    );
    const res = await call(sb, 'DELETE', `/gu1/api/kyc/validations/${id}/cancel`, {
      headers: {
        authorization: 'Bearer gk_sandbox_org1_5f0c2a9e00000001',
        'content-type': 'application/json',
      },
      body: '{"reason":',
    });
    expectError(
      res,
      400,
      'INVALID_BODY',
      'Request body must be a JSON object sent with Content-Type: application/json',
    );
  });

  it("answers 404 Validation Not Found for an unknown id and for another organization's", async () => {
    const sb = sandbox();
    const { id } = await started(sb, THEM);
    for (const target of [id, '00000000-0000-4000-8000-000000000000'])
      expectError(await cancel(sb, target), 404, 'VALIDATION_NOT_FOUND', 'Validation Not Found');
    expect((await getValidation(sb, id, THEM)).body.status).toBe('pending');
  });

  it("is a manual decision: a test taxId's automatic outcome never overwrites it", async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.001');
    await cancel(sb, id);
    await advance(sb, '1h');
    expect((await getValidation(sb, id)).body.status).toBe('cancelled');
    expect(sent(sb)).toEqual(['kyc.validation_created', 'kyc.validation_cancelled']);
  });

  it('lets a new validation be created for the entity afterwards, current again', async () => {
    const sb = sandbox();
    const { id, entityId } = await started(sb);
    await cancel(sb, id);
    const next = (await createValidation(sb, entityId)).body.id;
    expect((await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`)).body.id).toBe(next);
  });
});

describe('gu1 deleted validations (admin API; gu1 documents only the 404 after a deletion)', () => {
  const remove = (sb: Sandbox, id: string) =>
    call(sb, 'DELETE', `/_sandbox/providers/gu1/validations/${id}`);

  it('answers 404 Validation Not Found on every vendor path once a validation is deleted', async () => {
    const sb = sandbox();
    const { id, entityId } = await started(sb);
    expect((await remove(sb, id)).body).toEqual({
      success: true,
      deleted: id,
      organizationId: ORG,
    });
    for (const res of [
      await getValidation(sb, id),
      await sync(sb, id),
      await cancel(sb, id),
      await decide(sb, id, 'approve'),
    ])
      expectError(res, 404, 'VALIDATION_NOT_FOUND', 'Validation Not Found');
    expectError(
      await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`),
      404,
      'NO_CURRENT_VALIDATION',
      'No Current Validation Found',
    );
    const list = await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/validations`);
    expect(list.body).toMatchObject({ validations: [], total: 0 });
    expect((await entityStatus(sb, entityId)).body).toMatchObject({
      hasKyc: false,
      currentValidation: null,
    });
  });

  it('keeps newest-first order for validations created after a deletion', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const a = (await createValidation(sb, entityId)).body.id;
    const b = (await createValidation(sb, entityId)).body.id;
    await remove(sb, a);
    const c = (await createValidation(sb, entityId)).body.id;
    const list = await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/validations`);
    expect(list.body.validations.map((v: { id: string }) => v.id)).toEqual([c, b]);
  });

  it('answers a sandbox 404 for an id no organization has', async () => {
    const res = await remove(sandbox(), '00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ type: 'sandbox_error', code: 'unknown_validation' });
  });
});

describe('gu1 organization integrations (admin API, as in the dashboard)', () => {
  const path = `/_sandbox/providers/gu1/organizations/${ORG}/integrations`;

  it('starts with every known integration enabled and refuses unknown codes', async () => {
    const sb = sandbox();
    expect((await call(sb, 'GET', path)).body).toEqual({
      success: true,
      integrations: { organizationId: ORG, codes: ['global_gueno_validation_kyc'] },
    });
    const bad = await call(sb, 'PUT', path, { json: { codes: ['made_up'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_integrations');
  });
});
