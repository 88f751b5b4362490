// Behaviour of GET /api/kyc/entities/{entityId}/status: a summary derived from the entity's validations.
import { describe, expect, it } from 'vitest';
import {
  advance,
  createEntity,
  createValidation,
  decide,
  entityStatus,
  expectError,
  inReview,
  move,
  sandbox,
  started,
  THEM,
} from './testing.js';

describe('gu1 GET /api/kyc/entities/{entityId}/status', () => {
  it('answers an entity without validations: no KYC, not verified, nothing current', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const res = await entityStatus(sb, entityId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityId,
      hasKyc: false,
      isVerified: false,
      currentValidation: null,
      lastVerifiedAt: null,
      needsReverification: false,
      expiresAt: null,
    });
  });

  it('shows a pending validation as current, not yet verified', async () => {
    const sb = sandbox();
    const { id, entityId } = await started(sb);
    expect((await entityStatus(sb, entityId)).body).toMatchObject({
      hasKyc: true,
      isVerified: false,
      currentValidation: { id, status: 'pending', verifiedAt: null },
      lastVerifiedAt: null,
      needsReverification: false,
    });
  });

  it('answers the documented example once approved: verified, expiring one year after', async () => {
    const sb = sandbox();
    const { id, entityId } = await inReview(sb);
    await advance(sb, '14d');
    await advance(sb, '11h');
    await decide(sb, id, 'approve');
    expect((await entityStatus(sb, entityId)).body).toEqual({
      entityId,
      hasKyc: true,
      isVerified: true,
      currentValidation: { id, status: 'approved', verifiedAt: '2025-01-15T11:00:00.000Z' },
      lastVerifiedAt: '2025-01-15T11:00:00.000Z',
      needsReverification: false,
      expiresAt: '2026-01-15T11:00:00.000Z',
    });
  });

  it('needs reverification once the approval is older than reverificationPeriod, on the clock', async () => {
    const sb = sandbox({ options: { gu1: { reverificationPeriod: '30d' } } });
    const { id, entityId } = await inReview(sb);
    await decide(sb, id, 'approve');
    await advance(sb, '29d');
    expect((await entityStatus(sb, entityId)).body).toMatchObject({
      isVerified: true,
      expiresAt: '2025-01-31T00:00:00.000Z',
    });
    await advance(sb, '1d');
    expect((await entityStatus(sb, entityId)).body).toMatchObject({
      isVerified: false,
      needsReverification: true,
      lastVerifiedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('stays verified while a newer validation runs, and stops when a later decision rejects', async () => {
    const sb = sandbox();
    const first = await inReview(sb);
    await decide(sb, first.id, 'approve');
    await advance(sb, '1h');
    const second = (await createValidation(sb, first.entityId)).body.id;
    expect((await entityStatus(sb, first.entityId)).body).toMatchObject({
      isVerified: true,
      currentValidation: { id: second, status: 'pending', verifiedAt: null },
      lastVerifiedAt: '2025-01-01T00:00:00.000Z',
    });
    await move(sb, second, 'in_progress');
    await move(sb, second, 'rejected', 'Document expired');
    expect((await entityStatus(sb, first.entityId)).body).toMatchObject({
      isVerified: false,
      needsReverification: true,
      currentValidation: { id: second, status: 'rejected', verifiedAt: '2025-01-01T01:00:00.000Z' },
      lastVerifiedAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('never verifies an entity whose only decision was a rejection', async () => {
    const sb = sandbox();
    const { id, entityId } = await inReview(sb);
    await decide(sb, id, 'reject');
    expect((await entityStatus(sb, entityId)).body).toEqual({
      entityId,
      hasKyc: true,
      isVerified: false,
      currentValidation: null,
      lastVerifiedAt: null,
      needsReverification: false,
      expiresAt: null,
    });
  });

  it('answers the pt body, without expiresAt, with statusExpiresAt=omit', async () => {
    const sb = sandbox({ options: { gu1: { statusExpiresAt: 'omit' } } });
    const body = (await entityStatus(sb, await createEntity(sb))).body;
    expect(Object.keys(body).sort()).toEqual([
      'currentValidation',
      'entityId',
      'hasKyc',
      'isVerified',
      'lastVerifiedAt',
      'needsReverification',
    ]);
  });

  it("answers 404 Entity Not Found for an unknown entity and for another organization's", async () => {
    const sb = sandbox();
    const theirs = await createEntity(sb, {}, THEM);
    for (const id of [theirs, '00000000-0000-4000-8000-000000000000'])
      expectError(await entityStatus(sb, id), 404, 'ENTITY_NOT_FOUND', 'Entity Not Found');
  });
});
