// The dashboard in Chromium: advance a tenant's clock and watch its link expire, move a session,
// replay a webhook, reset a tenant — all with plain forms — and never see a credential in full.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../src/engine/index.js';
import { handleOf } from '../../src/hosted/security.js';
import { receiver, testSandbox } from '../helpers.js';
import { api, hasChromium, launch, screenshot, SKIP_REASON } from './helpers.js';
import {
  baanxLink,
  CAPA_KEY,
  capaLink,
  facekiLink,
  gu1Link,
  KULIPA_KEY,
  kulipaLink,
} from './links.js';

describe.skipIf(!hasChromium)(`dashboard at /_sandbox/ui in Chromium${SKIP_REASON}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('advances one tenant clock past a link TTL and shows the link expired, then moves, replays and resets', async () => {
    const hooks = await receiver();
    // Partners register a stable URL (so the screenshot does not change with the receiver's port);
    // the sandbox's injected fetch still delivers every webhook over HTTP to the local receiver.
    const HOOK = 'https://hooks.partner.example/kyc';
    const sb = testSandbox({
      publicUrl: undefined,
      seed: 'browser-tests',
      fetch: ((_url: unknown, init?: RequestInit) => fetch(hooks.url, init)) as typeof fetch,
    });
    const { url: base } = await sb.listen(0);
    const capa = await capaLink(base, { redirect: 'https://app.example.test/kyc', hook: HOOK });
    const kulipa = await kulipaLink(base, { redirect: 'myapp://kyc/done', hook: HOOK });
    // The other providers' links make the catalogue of tenants (and the screenshot) complete.
    await facekiLink(base, { redirect: 'https://app.example.test/kyc', hook: HOOK });
    await gu1Link(base, { hook: HOOK });
    await baanxLink(base);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

    await page.goto(`${base}/_sandbox/ui`);
    const capaRow = page.locator(`tr[data-session="${capa.id}"]`);
    await expect(capaRow.locator('.link').textContent()).resolves.toBe('live');

    // Capa links live 24 h on the tenant's clock: 25 h later this one is expired, Kulipa's is not.
    const tenant = page.locator(`tr[data-tenant="${handleOf('capa', CAPA_KEY)}"]`);
    await tenant.locator('input[name=by]').fill('25h');
    await tenant.locator('button', { hasText: 'Advance' }).click();
    await page.waitForURL(/notice=advanced/);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Clock advanced');
    await expect(capaRow.locator('.link').textContent()).resolves.toBe('expired');
    await expect(page.locator(`tr[data-session="${kulipa.id}"] .link`).textContent()).resolves.toBe(
      'live',
    );
    expect((await api<SessionView>(base, 'GET', `/_sandbox/sessions/${capa.id}`)).body.link).toBe(
      'expired',
    );
    expect((await fetch(capa.url)).status).toBe(410);
    await screenshot(page, 'dashboard');

    // Move Kulipa's KYC to verified from its row: the same transition as the admin API, webhooks sent.
    const kulipaRow = page.locator(`tr[data-session="${kulipa.id}"]`);
    await kulipaRow.locator('select[name=state]').selectOption('verified');
    await kulipaRow.locator('button', { hasText: 'Move' }).click();
    await page.waitForURL(/notice=moved/);
    await expect(kulipaRow.locator('.state').textContent()).resolves.toBe('verified');
    const kulipaEvents = hooks.received.map((r) => JSON.parse(r.body).eventName).filter(Boolean);
    expect(kulipaEvents).toEqual(['kyc.submitted', 'kyc.verified', 'user.activated']);

    // Webhooks page: every delivery with its attempts; replay adds a manual attempt.
    await page.goto(`${base}/_sandbox/ui/webhooks?provider=kulipa`);
    const first = sb.webhooks.list({ provider: 'kulipa' })[0]!;
    const row = page.locator(`tr[data-webhook="${first.id}"]`);
    await expect(row.locator('.attempts li').count()).resolves.toBe(1);
    await row.locator('button', { hasText: 'Replay' }).click();
    await page.waitForURL(/notice=replayed/);
    await expect(row.locator('.attempts li').count()).resolves.toBe(2);
    await expect(row.locator('.attempts li').nth(1).textContent()).resolves.toContain('replay');
    await page.goto(`${base}/_sandbox/ui/webhooks`);
    await screenshot(page, 'dashboard-webhooks');

    // No page shows a tenant key in full.
    for (const path of ['', '/webhooks', '/journal', '/scenarios']) {
      await page.goto(`${base}/_sandbox/ui${path}`);
      const html = await page.content();
      expect(html).not.toContain(CAPA_KEY);
      expect(html).not.toContain(KULIPA_KEY);
    }

    // Reset the Capa tenant: its session disappears, Kulipa's stays.
    await page.goto(`${base}/_sandbox/ui`);
    await tenant.locator('button', { hasText: 'Reset tenant' }).click();
    await page.waitForURL(/notice=reset/);
    await expect(capaRow.count()).resolves.toBe(0);
    await expect(kulipaRow.count()).resolves.toBe(1);
    await page.close();
    await hooks.close();
  });
});
