// Behaviour of gu1's moves on a validation: cancel, manual approve and reject, sync, and deletion.
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
  inReview,
  move,
  ORG,
  sandbox,
  started,
  sync,
  THEM,
} from './testing.js';

/** Events queued for the organization, oldest first (no URL configured: logged, not sent). */
const sent = (sb: Sandbox) => sb.webhooks.list({ provider: 'gu1' }).map((d) => d.event);
const lastPayload = (sb: Sandbox, event: string) =>
  JSON.parse(
    sb.webhooks
      .list({ provider: 'gu1' })
      .filter((d) => d.event === event)
      .at(-1)!.body,
  ).payload;
const snapshotOf = (sb: Sandbox) => JSON.stringify(sb.snapshot({ provider: 'gu1', tenant: ORG }));

/** A validation of a sandbox test taxId (no provider session), walked to its outcome. */
async function mock(sb: Sandbox, taxId: string, body: Record<string, unknown> = {}) {
  const entityId = await createEntity(sb, { taxId });
  const id = (await createValidation(sb, entityId, body)).body.id as string;
  return { entityId, id };
}

/** Walks a fresh validation through the admin API to `path`'s last status. */
async function walked(sb: Sandbox, path: string[]) {
  const v = await started(sb);
  for (const s of path) await move(sb, v.id, s);
  return v;
}

const TERMINAL: [string, string[]][] = [
  ['approved', ['in_progress', 'approved']],
  ['rejected', ['in_progress', 'rejected']],
  ['expired', ['expired']],
  ['abandoned', ['in_progress', 'abandoned']],
  ['cancelled', ['cancelled']],
];

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

describe('gu1 POST /api/kyc/validations/{id}/approve and /reject', () => {
  it('approves a validation in review: approved, verified now, still current, reason in metadata', async () => {
    const sb = sandbox();
    const { id, entityId } = await inReview(sb);
    await advance(sb, '2h');
    const res = await decide(sb, id, 'approve', 'Manual review completed successfully');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      status: 'approved',
      isCurrent: true,
      verifiedAt: '2025-01-01T02:00:00.000Z',
      decision: { status: 'Approved' },
      metadata: { approvalReason: 'Manual review completed successfully' },
    });
    expect(sent(sb).at(-1)).toBe('kyc.validation_approved');
    expect(lastPayload(sb, 'kyc.validation_approved').entity).toMatchObject({
      id: entityId,
      kycVerified: true,
    });
    expect((await gu1Call(sb, 'GET', `/api/entities/${entityId}`)).body.kycVerified).toBe(true);
  });

  it('rejects a validation in review: rejected, no longer current, reason in metadata', async () => {
    const sb = sandbox();
    const { id, entityId } = await inReview(sb);
    const res = await decide(sb, id, 'reject', 'Document authenticity verification failed');
    expect(res.body).toMatchObject({
      status: 'rejected',
      isCurrent: false,
      decision: { status: 'Declined' },
      metadata: { rejectionReason: 'Document authenticity verification failed' },
    });
    expect(sent(sb).at(-1)).toBe('kyc.validation_rejected');
    expectError(
      await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`),
      404,
      'NO_CURRENT_VALIDATION',
      'No Current Validation Found',
    );
  });

  it("reuses the review's warnings and RENAPER check instead of running them again", async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.004', { doubleCheckRenaper: true });
    await advance(sb, '30s');
    const review = (await getValidation(sb, id)).body;
    expect(review).toMatchObject({ status: 'in_review', warnings: ['POSSIBLE_DUPLICATED_USER'] });
    await advance(sb, '1h');
    const approved = (await decide(sb, id, 'approve')).body;
    expect(approved.warnings).toEqual(review.warnings);
    expect(approved.metadata.responseDoubleChecks).toEqual(review.metadata.responseDoubleChecks);
    expect(approved.metadata.responseDoubleChecks.renaper).toEqual({
      status: 'MATCH',
      valid: true,
      checkedAt: '2025-01-01T00:00:30.000Z',
    });
  });

  it.each([['pending', []], ['in_progress', ['in_progress']], ...TERMINAL] as [string, string[]][])(
    'answers 400 INVALID_STATUS to both for a %s validation and changes nothing',
    async (status, path) => {
      const sb = sandbox();
      const { id } = await walked(sb, path);
      const before = snapshotOf(sb);
      const approve = await decide(sb, id, 'approve');
      expectError(
        approve,
        400,
        'INVALID_STATUS',
        'Validation can only be approved if provider status is in_review',
      );
      expect(approve.body.error.details).toEqual({ status });
      expectError(
        await decide(sb, id, 'reject'),
        400,
        'INVALID_STATUS',
        'Validation can only be rejected if provider status is in_review',
      );
      expect(snapshotOf(sb)).toBe(before);
    },
  );

  it('syncs first: a test taxId that reached in_review on the clock can be decided at once', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.004');
    await advance(sb, '30s');
    expect((await decide(sb, id, 'reject', 'Sanction list match')).body.status).toBe('rejected');
  });

  it.each(['approve', 'reject'] as const)(
    'answers 400 INVALID_REASON to %s with a short reason, and 404 for an unknown id',
    async (action) => {
      const sb = sandbox();
      const { id } = await inReview(sb);
      expectError(
        await decide(sb, id, action, 'ok'),
        400,
        'INVALID_REASON',
        'Reason must be at least 5 characters',
      );
      expectError(
        await decide(sb, '00000000-0000-4000-8000-000000000000', action),
        404,
        'VALIDATION_NOT_FOUND',
        'Validation Not Found',
      );
      expect((await getValidation(sb, id)).body.status).toBe('in_review');
    },
  );
});

describe('gu1 POST /api/kyc/validations/{id}/sync', () => {
  it('answers the validation exactly as GET does, with or without a body', async () => {
    const sb = sandbox();
    const { id } = await walked(sb, ['in_progress', 'approved']);
    const read = (await getValidation(sb, id)).body;
    expect((await sync(sb, id)).body).toEqual(read);
    expect((await sync(sb, id, {})).body).toEqual(read);
    const forced = await sync(sb, id, { force: true });
    expect([forced.status, forced.body]).toEqual([200, read]);
  });

  it('applies what fell due on the clock (the link expired) and never overwrites a manual decision', async () => {
    const sb = sandbox();
    const open = await started(sb);
    const cancelled = await started(sb);
    await cancel(sb, cancelled.id);
    await advance(sb, '8d');
    expect((await sync(sb, open.id, { force: true })).body.status).toBe('expired');
    expect((await sync(sb, cancelled.id, { force: true })).body.status).toBe('cancelled');
  });

  it('answers 400 NO_SESSION_ID for a validation without a provider session (a sandbox test taxId)', async () => {
    const sb = sandbox();
    const { id } = await mock(sb, '99.990.001');
    expectError(
      await sync(sb, id, { force: true }),
      400,
      'NO_SESSION_ID',
      'Validation has no provider session to sync',
    );
  });

  it("answers 400 PROVIDER_INTEGRATION_NOT_CONFIGURED once the organization's integration is switched off", async () => {
    const sb = sandbox();
    const { id, entityId } = await started(sb);
    const off = await call(sb, 'PUT', `/_sandbox/providers/gu1/organizations/${ORG}/integrations`, {
      json: { codes: [] },
    });
    expect(off.body).toEqual({ success: true, integrations: { organizationId: ORG, codes: [] } });
    const res = await sync(sb, id);
    expectError(
      res,
      400,
      'PROVIDER_INTEGRATION_NOT_CONFIGURED',
      'Provider Integration Not Configured',
    );
    expect(res.body.error.details).toEqual({ integrationCode: 'global_gueno_validation_kyc' });
    expectError(
      await createValidation(sb, entityId),
      400,
      'INTEGRATION_NOT_CONFIGURED',
      'Integration global_gueno_validation_kyc is not configured for this organization',
    );
    // Another organization keeps its own settings.
    expect((await sync(sb, (await started(sb, THEM)).id, undefined, THEM)).status).toBe(200);
  });

  it('answers 400 VALIDATION_ERROR for a force that is not a boolean, and 404 for an unknown id', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    expectError(await sync(sb, id, { force: 'yes' }), 400, 'VALIDATION_ERROR', 'Validation failed');
    expectError(
      await sync(sb, '00000000-0000-4000-8000-000000000000'),
      404,
      'VALIDATION_NOT_FOUND',
      'Validation Not Found',
    );
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
