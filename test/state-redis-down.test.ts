// When Redis goes away: health says so with a 503, vendor calls answer the vendor's own 503 at
// once (no hang, no crash), the control plane a sandbox 503; when Redis is back, so is the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capa, createUser } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';
import {
  redisAvailable,
  REDIS_SKIP_MESSAGE,
  startRedis,
  type RedisServer,
} from './redis-server.js';

if (!redisAvailable) console.warn(REDIS_SKIP_MESSAGE);

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!redisAvailable)('redis: state when Redis is unreachable', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('reports it in health, answers 503s, and recovers when Redis returns', async () => {
    const sb = testSandbox({ state: await redis.url() });
    await createUser(sb);
    const healthy = await call(sb, 'GET', '/_sandbox/health');
    expect([healthy.status, healthy.body.state]).toEqual([
      200,
      {
        backend: 'redis',
        where: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+\/\d+$/),
        reachable: true,
      },
    ]);

    await redis.kill();
    const down = await call(sb, 'GET', '/_sandbox/health');
    expect([down.status, down.body.status, down.body.state.reachable]).toEqual([
      503,
      'unavailable',
      false,
    ]);
    const vendor = await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'x@example.com' });
    expect(vendor.status).toBe(503);
    expect(vendor.body.error?.type).not.toBe('sandbox_error'); // Capa's own envelope
    const admin = await call(sb, 'GET', '/_sandbox/tenants');
    expect([admin.status, admin.body.error.code]).toEqual([503, 'state_unavailable']);

    await redis.start();
    await until(async () => (await call(sb, 'GET', '/_sandbox/health')).status === 200);
    const back = await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'y@example.com' });
    expect(back.status).toBe(201);
  }, 30_000);
});
