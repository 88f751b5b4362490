// Three instances of the real command on one Redis, called round-robin as a load balancer would:
// they act as one sandbox — records, pages, the tenant's clock, rate limits, one winner of
// concurrent moves, each webhook attempt made once — and killing one with SIGKILL loses nothing it
// acknowledged: its pending webhook deliveries are taken over by the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY } from '../src/providers/capa/testing.js';
import { receiver } from './helpers.js';
import { serveCli } from './process.js';
import {
  redisAvailable,
  REDIS_SKIP_MESSAGE,
  startRedis,
  type RedisServer,
} from './redis-server.js';

if (!redisAvailable) console.warn(REDIS_SKIP_MESSAGE);

type Instance = Awaited<ReturnType<typeof serveCli>>;

async function send(url: string, method: string, path: string, body?: unknown, headers = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (/^[[{]/.test(text) ? JSON.parse(text) : text) as never };
}

const capa = (url: string, method: string, path: string, body?: unknown) =>
  send(url, method, `/capa/api/partner/v2${path}`, body, { 'partner-api-key': KEY });

describe.skipIf(!redisAvailable)('three instances on one Redis', () => {
  let redis: RedisServer;
  let state: string;
  const running: Instance[] = [];
  const flags = () => ['--clock', 'frozen', '--state', state, '--option', 'kulipa.rateLimit=3'];

  beforeAll(async () => {
    redis = await startRedis();
    state = await redis.url();
    running.push(...(await Promise.all([0, 1, 2].map(() => serveCli(flags())))));
  }, 60_000);
  afterAll(async () => {
    for (const i of running) if (i.child.exitCode === null) i.child.kill('SIGTERM');
    await Promise.all(running.map((i) => i.exit));
    await redis?.stop();
  }, 30_000);

  const at = (n: number) => running[n % running.length]!.url;

  it('creates through A, reads through B, opens the page through C, moves it through B', async () => {
    const user = await capa(at(0), 'POST', '/users', {
      type: 'INDIVIDUAL',
      email: 'm@example.com',
    });
    expect(user.status).toBe(201);
    const userId = (user.body as { data: { userId: string } }).data.userId;
    const link = await capa(at(1), 'POST', `/users/${userId}/kyc/verification-link`, {
      country: 'MX',
    });
    expect(link.status).toBe(201);
    const path = new URL((link.body as { data: { kycLink: string } }).data.kycLink).pathname;
    expect((await fetch(`${at(2)}${path}`)).status).toBe(200);
    const id = path.split('/').pop()!;
    const moved = await send(at(1), 'POST', `/_sandbox/sessions/${id}/transition`, {
      state: 'VERIFIED',
    });
    expect(moved.status).toBe(200);
    const details = await capa(at(2), 'GET', `/kyc/details?userId=${userId}`);
    expect(JSON.stringify(details.body)).toContain('VERIFIED');
  });

  it('shares the tenant clock and counts a rate limit across instances', async () => {
    const moved = await send(at(0), 'POST', '/_sandbox/clock/advance', {
      by: '1h',
      provider: 'capa',
      tenant: KEY,
    });
    expect(moved.status).toBe(200);
    const seen = await Promise.all(
      [1, 2].map((n) => send(at(n), 'GET', `/_sandbox/clock?provider=capa&tenant=${KEY}`)),
    );
    expect(seen.map((s) => (s.body as { now: string }).now)).toEqual([
      (moved.body as { now: string }).now,
      (moved.body as { now: string }).now,
    ]);
    const headers = { 'x-api-key': 'kulipa_test_key_tenant_one_0001' };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await send(at(i), 'GET', '/kulipa/v1/users', undefined, headers)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('lets exactly one of concurrent transitions through different instances win', async () => {
    const user = await capa(at(0), 'POST', '/users', {
      type: 'INDIVIDUAL',
      email: 'race@example.com',
    });
    const userId = (user.body as { data: { userId: string } }).data.userId;
    const link = await capa(at(0), 'POST', `/users/${userId}/kyc/verification-link`, {
      country: 'MX',
    });
    const id = new URL((link.body as { data: { kycLink: string } }).data.kycLink).pathname
      .split('/')
      .pop()!;
    const results = await Promise.all(
      [0, 1, 2].map((n) =>
        send(at(n), 'POST', `/_sandbox/sessions/${id}/transition`, { state: 'VERIFIED' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('loses nothing an instance acknowledged before it was killed with SIGKILL', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `k${i}@example.com`);
    const created = await Promise.all(
      emails.map((email) => capa(at(0), 'POST', '/users', { type: 'INDIVIDUAL', email })),
    );
    expect(created.every((r) => r.status === 201)).toBe(true);
    const victim = running.shift()!;
    victim.child.kill('SIGKILL');
    await victim.exit;
    for (const [i, email] of emails.entries()) {
      const again = await capa(at(i), 'POST', '/users', { type: 'INDIVIDUAL', email });
      expect(again.status).toBe(409); // each one is there, whichever instance answers
    }
    running.push(await serveCli(flags()));
    const fresh = await capa(at(2), 'POST', '/users', {
      type: 'INDIVIDUAL',
      email: 'after@example.com',
    });
    const ids = created.map((r) => (r.body as { data: { userId: string } }).data.userId);
    expect(ids).not.toContain((fresh.body as { data: { userId: string } }).data.userId);
  }, 60_000);

  interface Listed {
    status: string;
    attempts: { status: number | null }[];
  }
  const deliveries = async (n: number) =>
    (await send(at(n), 'GET', `/_sandbox/webhooks?provider=capa&tenant=${KEY}`)).body as Listed[];
  const trigger = (n: number) =>
    send(at(n), 'POST', '/_sandbox/webhooks/trigger', {
      provider: 'capa',
      tenant: KEY,
      event: 'VERIFIED_USER',
    });

  it('makes each webhook attempt once, whichever instance queued it', async () => {
    const hook = await receiver();
    try {
      await send(at(0), 'POST', '/_sandbox/reset', { provider: 'capa', tenant: KEY });
      expect((await capa(at(0), 'PUT', '/webhook-settings', { url: hook.url })).status).toBe(200);
      for (let n = 0; n < 6; n++) expect((await trigger(n)).status).toBe(201);
      await expect
        .poll(async () => (await deliveries(1)).filter((d) => d.status === 'delivered').length, {
          timeout: 10_000,
        })
        .toBe(6);
      // Long enough for every instance to have looked at them again (a round a second).
      await new Promise((r) => setTimeout(r, 2000));
      expect(hook.received).toHaveLength(6);
      expect((await deliveries(2)).map((d) => d.attempts.length)).toEqual([1, 1, 1, 1, 1, 1]);
    } finally {
      await hook.close();
    }
  }, 30_000);

  it("takes over a killed instance's pending delivery and makes its retry on the shared clock", async () => {
    const hook = await receiver({ failFirst: 2 });
    try {
      await send(at(0), 'POST', '/_sandbox/reset', { provider: 'capa', tenant: KEY });
      expect((await capa(at(0), 'PUT', '/webhook-settings', { url: hook.url })).status).toBe(200);
      expect((await trigger(0)).status).toBe(201);
      // At once, then again at once: both refused; the next retry is a minute away.
      await expect.poll(async () => (await deliveries(1))[0]?.attempts.length).toBe(2);
      const victim = running.shift()!;
      victim.child.kill('SIGKILL');
      await victim.exit;
      await send(at(0), 'POST', '/_sandbox/clock/advance', { provider: 'capa', tenant: KEY, by: '61s' }); // prettier-ignore
      await expect
        .poll(async () => (await deliveries(1))[0]?.status, { timeout: 15_000 })
        .toBe('delivered');
      expect((await deliveries(0))[0]!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
  }, 60_000);
});
