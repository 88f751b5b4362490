// Behaviour of gu1's moves on a validation: manual approve and reject, and sync.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  advance,
  cancel,
  createValidation,
  decide,
  expectError,
  getValidation,
  gu1Call,
  inReview,
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
