// The lookups providers keep beside their records (engine keyIndex, idLists) under retention: a
// lookup entry never goes while its record is held, and one whose record retention dropped names
// nothing.
import { describe, expect, it } from 'vitest';
import { kulipa } from '../src/providers/kulipa/testing.js';
import { advance, createEntity, createValidation, gu1Call } from '../src/providers/gu1/testing.js';
import { testSandbox } from './helpers.js';

const user = (email: string) => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email,
  countryOfResidence: 'FR',
});

describe('lookups under retention', () => {
  it('Kulipa: an email stays taken while its user is held, however many changes came after', async () => {
    const sb = testSandbox({ retention: { records: 2 } });
    const first = (await kulipa(sb, 'POST', '/users', user('a@example.com'))).body.id;
    expect((await kulipa(sb, 'POST', '/users', user('b@example.com'))).status).toBe(201);
    for (const email of ['c@example.com', 'd@example.com', 'e@example.com'])
      expect((await kulipa(sb, 'PUT', `/users/${first}/email`, email)).status).toBe(200);
    expect((await kulipa(sb, 'POST', '/users', user('B@example.com'))).status).toBe(409);
    expect((await kulipa(sb, 'POST', '/users', user('a@example.com'))).status).toBe(201);
    // Retention dropped the first user: its email is free again.
    expect((await kulipa(sb, 'POST', '/users', user('e@example.com'))).status).toBe(201);
  });

  it('gu1: an entity keeps its newest validations current and listed when older ones are dropped', async () => {
    const sb = testSandbox({ retention: { records: 3 } });
    const entityId = await createEntity(sb);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createValidation(sb, entityId)).body.id);
    const current = await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`);
    expect(current.body.id).toBe(ids[4]);
    const list = await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/validations`);
    expect(list.body.validations.map((v: { id: string }) => v.id)).toEqual([
      ids[4],
      ids[3],
      ids[2],
    ]);
  });

  it('gu1: what falls due is applied to the validations still held after the due queue is tidied', async () => {
    const sb = testSandbox({ retention: { records: 5 } });
    // A sandbox test taxId: each validation is approved 30 s after it was made.
    const entityId = await createEntity(sb, { taxId: '99.990.001' });
    const ids: string[] = [];
    // Past 1024 entries the due queue drops those of validations retention dropped.
    for (let i = 0; i < 1030; i++) ids.push((await createValidation(sb, entityId)).body.id);
    await advance(sb, '31s');
    const newest = await gu1Call(sb, 'GET', `/api/kyc/validations/${ids.at(-1)}`);
    expect(newest.body.status).toBe('approved');
    expect((await gu1Call(sb, 'GET', `/api/kyc/validations/${ids[0]}`)).status).toBe(404);
  });
});
