// What a long-lived sandbox keeps: nothing for a request from a credential that holds nothing, and
// at most maxTenants tenants with state (the least recently used is reset past the cap).
import { describe, expect, it } from 'vitest';
import { capa, createUser } from '../src/providers/capa/testing.js';
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
});
