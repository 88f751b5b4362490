// Two sandboxes in one process sharing one Redis: what one acknowledged, the other reads; a tenant's
// clock and fault rules are shared; concurrent moves of one session through both → exactly one wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, capa, createLink, createUser, KEY } from '../src/providers/capa/testing.js';
import { RedisBackend } from '../src/state/redis.js';
import { call, testSandbox } from './helpers.js';
import {
  redisAvailable,
  REDIS_SKIP_MESSAGE,
  startRedis,
  type RedisServer,
} from './redis-server.js';

if (!redisAvailable) console.warn(REDIS_SKIP_MESSAGE);

describe.skipIf(!redisAvailable)('redis: state shared by two sandboxes', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('reads through B what A created, and B issues the next id', async () => {
    const state = await redis.url();
    const a = testSandbox({ state });
    const b = testSandbox({ state });
    const userId = await createUser(a, { email: 'shared@example.com' });
    const link = await createLink(a, userId);
    expect(link.status).toBe(201);
    const details = await capa(b, 'GET', `/kyc/details?userId=${userId}`);
    expect(details.status).toBe(200);
    const dup = await capa(b, 'POST', '/users', {
      type: 'INDIVIDUAL',
      email: 'shared@example.com',
    });
    expect(dup.status).toBe(409);
    const page = await b.app.request(new URL(link.body.data.kycLink).pathname);
    expect(page.status).toBe(200);
    const next = await createUser(b);
    expect(next).not.toBe(userId);
    expect(await createUser(a)).not.toBe(next);
  });

  it('catches concurrent units of one instance up once, without reading everything again', async () => {
    const url = `${await redis.url()}?prefix=catchup:`;
    const [a, b] = [new RedisBackend(url), new RedisBackend(url)];
    await Promise.all([a.load(), b.load()]);
    const row = { tenant: 'capa:k', collection: 'users', id: 'u1', value: 'p{"id":"u1"}' };
    await b.enter('capa:k');
    await b.leave('capa:k', { resets: [], rows: [row], tenants: [] });
    // Both read the log from the same place; the second finds the commit applied by the first.
    const seen = await Promise.all([a.enter('capa:1'), a.enter('capa:2')]);
    expect(seen.map((c) => c.reload)).toEqual([false, false]);
    expect(seen.flatMap((c) => (c.reload ? [] : c.batches.flatMap((x) => x.rows)))).toEqual([row]);
    await Promise.all([a.leave('capa:1', undefined), a.leave('capa:2', undefined)]);
    await Promise.all([a.close(), b.close()]);
  });

  it('makes every unit that starts before the state is read back wait for it', async () => {
    const state = await redis.url();
    const first = testSandbox({ state });
    const userId = await createUser(first, { email: 'first@example.com' });
    expect((await createLink(first, userId)).status).toBe(201);
    const fresh = testSandbox({ state });
    // Two tenants' first calls at once: neither runs on a state not yet read back.
    const [, details] = await Promise.all([
      capa(fresh, 'GET', '/kyc/details?userId=x', undefined, 'capa_test_partner_key_000000000002'),
      capa(fresh, 'GET', `/kyc/details?userId=${userId}`),
    ]);
    expect(details.status).toBe(200);
  });

  it('shares a tenant clock and fault rules', async () => {
    const state = await redis.url();
    const a = testSandbox({ state });
    const b = testSandbox({ state });
    const moved = await call(a, 'POST', '/_sandbox/clock/advance', {
      json: { by: '2h', provider: 'capa', tenant: KEY },
    });
    expect(moved.status).toBe(200);
    const clock = await call(b, 'GET', `/_sandbox/clock?provider=capa&tenant=${KEY}`);
    expect(clock.body.now).toBe('2025-01-01T02:00:00.000Z');
    await call(a, 'POST', '/_sandbox/faults', {
      json: { provider: 'capa', scenario: 'bad_gateway', times: 1 },
    });
    const failed = await call(b, 'GET', `${BASE}/kyc/details?userId=x`, {
      headers: { 'partner-api-key': KEY },
    });
    expect(failed.status).toBe(502);
    const after = await call(a, 'GET', `${BASE}/kyc/details?userId=x`, {
      headers: { 'partner-api-key': KEY },
    });
    expect(after.status).toBe(404); // the rule was used up through B
  });

  it('lets exactly one of two concurrent transitions of one session win', async () => {
    const state = await redis.url();
    const a = testSandbox({ state });
    const b = testSandbox({ state });
    const userId = await createUser(a);
    const link = await createLink(a, userId);
    const id = new URL(link.body.data.kycLink).pathname.split('/').pop()!;
    const move = (sb: typeof a) =>
      call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state: 'VERIFIED' } });
    const submitted = await call(a, 'POST', `/_sandbox/sessions/${id}/transition`, {
      json: { state: 'SUBMITTED' },
    });
    const results = await Promise.all([move(a), move(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(submitted.status).toBeLessThan(500);
  });

  it('forgets on B what a reset through A dropped', async () => {
    const state = await redis.url();
    const a = testSandbox({ state });
    const b = testSandbox({ state });
    const userId = await createUser(a);
    expect((await capa(b, 'GET', `/kyc/details?userId=${userId}`)).status).toBe(404); // not started
    await call(a, 'POST', '/_sandbox/reset', { json: {} });
    expect(await createUser(b)).toBe(userId); // a reset starts the id streams again, everywhere
  });
});
