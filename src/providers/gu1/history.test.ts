// Behaviour of an entity's current validation and its validation history (list, filters, pages).
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.js';
import {
  createEntity,
  createValidation,
  expectError,
  gu1Call,
  move,
  sandbox,
  THEM,
} from './testing.js';

const current = (sb: Sandbox, entityId: string) =>
  gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`);
const list = (sb: Sandbox, entityId: string, query = '') =>
  gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/validations${query}`);

async function history(sb: Sandbox, n: number) {
  const entityId = await createEntity(sb);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createValidation(sb, entityId)).body.id);
  return { entityId, ids };
}

describe('gu1 GET /api/kyc/entities/{entityId}/current', () => {
  it('answers the current validation with every field', async () => {
    const sb = sandbox();
    const { entityId, ids } = await history(sb, 2);
    const res = await current(sb, entityId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids[1],
      isCurrent: true,
      status: 'pending',
      decision: null,
    });
  });

  it('answers 404 "No Current Validation Found" when the entity never had one', async () => {
    const sb = sandbox();
    expectError(
      await current(sb, await createEntity(sb)),
      404,
      'NO_CURRENT_VALIDATION',
      'No Current Validation Found',
    );
  });

  it.each([['cancelled'], ['expired']])(
    'answers 404 when the current validation is %s',
    async (state) => {
      const sb = sandbox();
      const { entityId, ids } = await history(sb, 1);
      await move(sb, ids[0], state);
      expectError(
        await current(sb, entityId),
        404,
        'NO_CURRENT_VALIDATION',
        'No Current Validation Found',
      );
    },
  );

  it('answers an approved current validation (the documented example), and 404 with currentExcludes=all-terminal', async () => {
    for (const [opts, status] of [
      [{}, 200],
      [{ options: { gu1: { currentExcludes: 'all-terminal' } } }, 404],
    ] as const) {
      const sb = sandbox(opts);
      const { entityId, ids } = await history(sb, 1);
      await move(sb, ids[0], 'in_progress');
      await move(sb, ids[0], 'approved');
      expect((await current(sb, entityId)).status).toBe(status);
    }
  });

  it("answers 404 ENTITY_NOT_FOUND for an unknown entity and for another organization's entity", async () => {
    const sb = sandbox();
    expectError(await current(sb, 'nope'), 404, 'ENTITY_NOT_FOUND', 'Entity Not Found');
    const theirs = await createEntity(sb, {}, THEM);
    await createValidation(sb, theirs, {}, THEM);
    expectError(await current(sb, theirs), 404, 'ENTITY_NOT_FOUND', 'Entity Not Found');
  });
});

describe('gu1 GET /api/kyc/entities/{entityId}/validations', () => {
  it('lists newest first as {validations, total, page, limit} with limit 100 by default', async () => {
    const sb = sandbox();
    const { entityId, ids } = await history(sb, 3);
    const res = await list(sb, entityId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, limit: 100 });
    expect(res.body.validations.map((v: { id: string }) => v.id)).toEqual([...ids].reverse());
    expect(res.body.validations.map((v: { isCurrent: boolean }) => v.isCurrent)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('pages with page and limit', async () => {
    const sb = sandbox();
    const { entityId, ids } = await history(sb, 5);
    const res = await list(sb, entityId, '?page=2&limit=2');
    expect(res.body).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(res.body.validations.map((v: { id: string }) => v.id)).toEqual([ids[2], ids[1]]);
    expect((await list(sb, entityId, '?page=9&limit=2')).body.validations).toEqual([]);
  });

  it('filters by status and by isCurrent', async () => {
    const sb = sandbox();
    const { entityId, ids } = await history(sb, 3);
    await move(sb, ids[0], 'cancelled');
    expect(
      (await list(sb, entityId, '?status=cancelled')).body.validations.map(
        (v: { id: string }) => v.id,
      ),
    ).toEqual([ids[0]]);
    expect((await list(sb, entityId, '?status=pending&isCurrent=false')).body).toMatchObject({
      total: 1,
      validations: [{ id: ids[1] }],
    });
    expect((await list(sb, entityId, '?isCurrent=true')).body).toMatchObject({
      total: 1,
      validations: [{ id: ids[2] }],
    });
  });

  it.each([
    ['?limit=101'],
    ['?limit=0'],
    ['?page=0'],
    ['?page=abc'],
    ['?status=done'],
    ['?isCurrent=yes'],
  ])('answers 400 VALIDATION_ERROR for %s', async (query) => {
    const sb = sandbox();
    const { entityId } = await history(sb, 1);
    expectError(await list(sb, entityId, query), 400, 'VALIDATION_ERROR', 'Validation failed');
  });

  it('answers 404 ENTITY_NOT_FOUND for an unknown entity', async () => {
    expectError(
      await list(sandbox(), '00000000-0000-4000-8000-000000000000'),
      404,
      'ENTITY_NOT_FOUND',
      'Entity Not Found',
    );
  });
});
