// What a long-lived sandbox keeps: nothing for a request from a credential that holds nothing, and
// at most maxTenants tenants with state (the least recently used is reset past the cap).
import { describe, expect, it } from 'vitest';
import { capa, createLink, createUser, KEY } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

const key = (n: number) => `capa_test_partner_key_${String(n).padStart(12, '0')}`;

describe('retention', () => {
  it('keeps nothing for thousands of requests with unknown credentials', async () => {
    const sb = testSandbox();
    for (let i = 0; i < 3000; i++) {
      const res = await capa(sb, 'GET', '/webhook-settings', undefined, `junk-${i}`);
      expect(res.status).toBe(401);
    }
    const held = sb.stats();
    expect(held.tenants).toBe(0);
    expect(held.kits).toBeLessThanOrEqual(1000);
    expect(held.journal.tenants).toBeLessThanOrEqual(1000);
    expect((await call(sb, 'GET', '/_sandbox/health')).body.held).toMatchObject({ tenants: 0 });
  });

  it('resets the least recently used tenant past maxTenants', async () => {
    const sb = testSandbox({ maxTenants: 3 });
    const users = [];
    for (let n = 1; n <= 3; n++) users.push(await createUser(sb, {}, key(n)));
    // Tenant 1 is used again, so tenant 2 is now the least recent.
    expect(
      (await capa(sb, 'GET', `/kyc/details?userId=${users[0]}`, undefined, key(1))).status,
    ).toBe(404);
    await createUser(sb, {}, key(4));
    expect(sb.stats().tenants).toBe(3);
    expect(Object.keys(sb.snapshot()).sort()).toEqual(
      [1, 3, 4].map((n) => `capa:${key(n)}`).sort(),
    );
  });

  it("keeps a tenant's newest records of each kind and drops those past the age on its clock", async () => {
    const sb = testSandbox({ retention: { records: 3 } });
    const userId = await createUser(sb);
    const links: string[] = [];
    for (let n = 0; n < 5; n++) links.push((await createLink(sb, userId)).body.data.kycLink);
    const page = async (link: string) => (await call(sb, 'GET', new URL(link).pathname)).status;
    expect(await page(links[0])).toBe(404); // dropped: the newest three stay
    expect(await page(links[4])).toBe(200);
    expect(sb.snapshot()[`capa:${KEY}`].links).toHaveLength(3);
    const hook = 'https://receiver.example/hooks';
    expect((await capa(sb, 'PUT', '/webhook-settings', { url: hook })).status).toBe(200);
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'capa', tenant: KEY, by: '31d' },
    });
    // Past 30 days on the tenant's clock the links go (Capa's users carry no creation time: only
    // the count bounds them); the partner's settings stay.
    const held = sb.snapshot()[`capa:${KEY}`];
    expect([held.users.length, held.links]).toEqual([1, []]);
    expect((await capa(sb, 'GET', '/webhook-settings')).body.data.url).toBe(hook);
    expect(await page(links[4])).toBe(404);
  });

  it('keeps the newest finished webhook deliveries of a tenant and reports what it holds', async () => {
    const sb = testSandbox({ retention: { records: 2 } });
    const userId = await createUser(sb);
    for (let n = 0; n < 3; n++) {
      const link = (await createLink(sb, userId)).body.data.kycLink as string;
      await call(sb, 'POST', `/_sandbox/sessions/${link.split('/').pop()}/transition`, {
        json: { state: 'REJECTED' },
      });
    }
    const kept = sb.webhooks.list({ provider: 'capa', tenant: KEY });
    expect(kept.map((d) => d.status)).toEqual(['not_sent', 'not_sent']);
    const health = (await call(sb, 'GET', '/_sandbox/health')).body.held;
    expect(health).toMatchObject({ tenants: 1, webhooks: 2 });
  });
});
