// Export and import: a tenant's or the whole sandbox's state moves between backends as JSON — the
// records, their lookup rows, the id streams (no id issued twice), the clock, the fault rules and
// the webhook deliveries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capa, createLink, createUser, KEY } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kyc-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kyc-sandbox export / import', () => {
  it('moves the whole sandbox from memory to file: over the admin API, across a restart', async () => {
    const a = testSandbox();
    const userId = await createUser(a, { email: 'moved@example.com' });
    const link = await createLink(a, userId);
    await a.time.advance(60_000, { provider: 'capa', tenant: KEY });
    a.faults.add({ provider: 'capa', scenario: 'bad_gateway', operation: 'getKybDetails' });
    // No webhook URL yet: the event is logged as not sent, as Capa shows NOT_SENT.
    await call(a, 'POST', '/_sandbox/webhooks/trigger', {
      json: { provider: 'capa', tenant: KEY, event: 'VERIFIED_USER' },
    });
    const exported = await call(a, 'GET', '/_sandbox/state/export');
    expect(exported.status).toBe(200);
    expect(exported.body.format).toBe('kyc-sandbox-state');

    const state = `file:${join(dir, 'moved')}`;
    const b = testSandbox({ state });
    const imported = await call(b, 'POST', '/_sandbox/state/import', { json: exported.body });
    expect([imported.status, imported.body]).toEqual([200, { tenants: 1 }]);
    await b.close();

    const c = testSandbox({ state });
    expect((await capa(c, 'GET', `/kyc/details?userId=${userId}`)).status).toBe(200);
    const dup = await capa(c, 'POST', '/users', { type: 'INDIVIDUAL', email: 'moved@example.com' });
    expect(dup.status).toBe(409); // the lookup row came along
    expect((await c.app.request(new URL(link.body.data.kycLink).pathname)).status).toBe(200);
    expect(await createUser(c)).not.toBe(userId);
    expect(c.time.now({ provider: 'capa', tenant: KEY })).toBe(
      a.time.now({ provider: 'capa', tenant: KEY }),
    );
    expect(c.faults.list().map((r) => r.operation)).toEqual(['getKybDetails']);
    const sent = (sb: typeof a) => sb.webhooks.list({ provider: 'capa', tenant: KEY });
    expect(sent(c)).toEqual(sent(a));
    expect(sent(c).map((d) => d.status)).toEqual(['not_sent']);
  });

  it("exports one tenant's state, and a tenant credential imports only its own", async () => {
    const a = testSandbox();
    await createUser(a);
    const other = 'capa_test_partner_key_000000000002';
    await createUser(a, {}, other);
    const one = a.exportState({ provider: 'capa', tenant: KEY });
    expect(one.tenants.map((t) => t.tenant)).toEqual([KEY]);
    expect(one.global).toBeUndefined();
    const b = testSandbox();
    const refused = await call(b, 'POST', '/_sandbox/state/import', {
      json: a.exportState({ provider: 'capa', tenant: other }),
      headers: { 'x-sandbox-tenant': `capa:${KEY}` },
    });
    expect(refused.status).toBe(403);
  });
});
