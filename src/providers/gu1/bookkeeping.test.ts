// What gu1 keeps beside its records (the entity lookups, an entity's validations, what falls due
// when) follows every change: deletions, cancellations, validations that fall due out of order.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  advance,
  cancel,
  createEntity,
  createValidation,
  expectError,
  getValidation,
  gu1Call,
  sandbox,
  sent,
} from './testing.js';

const validate = async (sb: Sandbox, entityId: string) => {
  const res = await createValidation(sb, entityId);
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const current = (sb: Sandbox, entityId: string) =>
  gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`);
const listed = async (sb: Sandbox, entityId: string) =>
  (await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/validations`)).body.validations.map(
    (v: { id: string; isCurrent: boolean }) => [v.id, v.isCurrent],
  );
const remove = (sb: Sandbox, id: string) =>
  call(sb, 'DELETE', `/_sandbox/providers/gu1/validations/${id}`);

describe('gu1 bookkeeping behind the records', () => {
  it('after the current validation is deleted: none is current, and the next one is', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const first = await validate(sb, entityId);
    const second = await validate(sb, entityId);
    expect((await remove(sb, second)).status).toBe(200);
    expectError(
      await current(sb, entityId),
      404,
      'NO_CURRENT_VALIDATION',
      'No Current Validation Found',
    );
    expect(await listed(sb, entityId)).toEqual([[first, false]]);
    const third = await validate(sb, entityId);
    expect((await current(sb, entityId)).body.id).toBe(third);
    expect(await listed(sb, entityId)).toEqual([
      [third, true],
      [first, false],
    ]);
  });

  it('after an older validation is deleted, the current one stays current', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const first = await validate(sb, entityId);
    const second = await validate(sb, entityId);
    expect((await remove(sb, first)).status).toBe(200);
    expect((await current(sb, entityId)).body.id).toBe(second);
    expect(await listed(sb, entityId)).toEqual([[second, true]]);
  });

  it('after a cancellation: none is current until the next validation', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const first = await validate(sb, entityId);
    expect((await cancel(sb, first)).status).toBe(200);
    expect((await current(sb, entityId)).status).toBe(404);
    const second = await validate(sb, entityId);
    expect((await current(sb, entityId)).body.id).toBe(second);
    expect((await getValidation(sb, first)).body).toMatchObject({
      status: 'cancelled',
      isCurrent: false,
    });
  });

  it('settles validations that fell due in creation order, whichever fell due first', async () => {
    const sb = sandbox();
    const early = await validate(sb, await createEntity(sb)); // expires in 7 days
    await advance(sb, '6d');
    await advance(sb, '23h59m');
    // A sandbox test taxId: approved 30 s after creation, before the first one expires.
    const late = await validate(sb, await createEntity(sb, { taxId: '99.990.001' }));
    await advance(sb, '2m');
    expect((await getValidation(sb, early)).body.status).toBe('expired');
    expect((await getValidation(sb, late)).body.status).toBe('approved');
    expect(sent(sb)).toEqual([
      'kyc.validation_created',
      'kyc.validation_created',
      'kyc.validation_expired',
      'kyc.validation_in_progress',
      'kyc.validation_approved',
    ]);
  });

  it('finds entities by taxId and externalId among many, the first with an externalId winning', async () => {
    const sb = sandbox();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(
        await createEntity(sb, { taxId: `20-${40000000 + i}-1`, externalId: `ext-${i % 10}` }),
      );
    const byTax = await gu1Call(sb, 'GET', '/api/entities/by-tax-id/20400000131');
    expect(byTax.body.id).toBe(ids[13]);
    const byExternal = await gu1Call(sb, 'GET', '/api/entities/by-external-id/ext-3');
    expect(byExternal.body.id).toBe(ids[3]);
    const again = await gu1Call(sb, 'POST', '/api/entities', {
      type: 'person',
      name: 'Ana Pérez',
      countryCode: 'AR',
      taxId: '20.40000013.1',
    });
    expect({ status: again.status, existing: again.body.error?.details?.existingEntityId }).toEqual(
      { status: 409, existing: ids[13] },
    );
  });
});
