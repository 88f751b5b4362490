// Every provider's link, opened in Chromium: walk the vendor's steps, pick an outcome, land on the
// redirect (or the thank-you page), then see the new state through the API and the webhook sent.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiver, testSandbox } from '../helpers.js';
import { api, hasChromium, launch, screenshot, SKIP_REASON, walkToOutcomes } from './helpers.js';
import { baanxLink, capaLink, facekiLink, gu1Link, kulipaLink } from './links.js';

// The partner app the person returns to: intercepted, so no request leaves the machine.
const APP = 'https://app.example.test/kyc/return';

describe.skipIf(!hasChromium)(`hosted verification pages in Chromium${SKIP_REASON}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function setup(opts: { interceptApp?: boolean } = {}) {
    const sb = testSandbox({ publicUrl: undefined, seed: 'browser-tests' });
    const { url } = await sb.listen(0);
    const hooks = await receiver();
    const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
    if (opts.interceptApp !== false)
      await page.route('https://app.example.test/**', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<h1>Back in the partner app</h1>',
        }),
      );
    const close = async () => {
      await page.close();
      await hooks.close();
    };
    return { sb, base: url, hooks, page, close };
  }

  const events = (hooks: Awaited<ReturnType<typeof receiver>>) => hooks.received.map((r) => r.body);

  async function pick(page: Page, state: string, reason?: string) {
    const form = page.locator('form.outcome', {
      has: page.locator(`button[data-state="${state}"]`),
    });
    if (reason) await form.locator('select[name=reason]').selectOption(reason);
    await form.locator('button').click();
  }

  it('Capa: consent → document → selfie → submit, approve, back to the partner with userId and status', async () => {
    const { base, hooks, page, close } = await setup();
    const link = await capaLink(base, { redirect: APP, hook: hooks.url });
    await page.goto(link.url);
    await expect(page.locator('.vendor-name').textContent()).resolves.toBe('Capa');
    await expect(page.locator('h1').textContent()).resolves.toBe('Consent');
    await walkToOutcomes(page);
    await expect(page.locator('.stepper li.current').textContent()).resolves.toBe('Submit');
    await screenshot(page, 'capa');
    await pick(page, 'VERIFIED');
    await page.waitForURL(/^https:\/\/app\.example\.test\//);
    const back = new URL(page.url());
    expect(back.searchParams.get('status')).toBe('VERIFIED');
    expect(await link.vendorState()).toBe('VERIFIED');
    expect((await api(base, 'GET', `/_sandbox/sessions/${link.id}`)).body).toMatchObject({
      state: 'VERIFIED',
      link: 'used',
    });
    expect(events(hooks).map((b) => JSON.parse(b).event)).toEqual(['CREATED_KYC', 'VERIFIED_USER']);
    await close();
  });

  it('Kulipa: declines with a reason and redirects to a custom app scheme with kycId and status', async () => {
    // No request interception here: with it on, Chromium never reports a redirect to an unknown scheme.
    const { base, hooks, page, close } = await setup({ interceptApp: false });
    const link = await kulipaLink(base, { redirect: 'myapp://kyc/done', hook: hooks.url });
    await page.goto(link.url);
    await expect(page.locator('.vendor-name').textContent()).resolves.toBe('Kulipa');
    await expect(page.locator('.sandbox-note').textContent()).resolves.toContain('Ada Lovelace');
    await walkToOutcomes(page);
    await screenshot(page, 'kulipa');
    // Chromium hands myapp:// to the OS, so the test reads the redirect the page answered with.
    const redirect = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.status() === 303,
    );
    await pick(page, 'declined', 'Selfie does not match the document');
    expect((await redirect).headers().location).toBe(
      `myapp://kyc/done?kycId=${link.id}&status=declined`,
    );
    expect(await link.vendorState()).toBe('declined');
    expect(events(hooks).map((b) => JSON.parse(b).eventName)).toEqual([
      'kyc.submitted',
      'kyc.declined',
    ]);
    const kyc = (
      await api<{ declineReason: string }>(base, 'GET', `/kulipa/v1/kycs/${link.id}`, {
        headers: { 'x-api-key': 'kulipa_test_key_tenant_one_0001' },
      })
    ).body;
    expect(kyc.declineReason).toBe('Selfie does not match the document');
    await close();
  });

  it('Faceki: resumes at the step reached, then sends to manual review and redirects to redirect_url as given', async () => {
    const { base, hooks, page, close } = await setup();
    const link = await facekiLink(base, { redirect: APP, hook: hooks.url });
    await page.goto(link.url);
    await page.locator('input[name=agree]').check();
    await page.locator('button.primary').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Scan document');
    expect(await link.vendorState()).toBe('OPENED');
    // Open the same link afresh: the flow continues where the person left off.
    const again = await browser.newPage({ viewport: { width: 760, height: 900 } });
    await again.route('https://app.example.test/**', (route) =>
      route.fulfill({ status: 200, body: 'back' }),
    );
    await again.goto(link.url);
    await expect(again.locator('.notice').textContent()).resolves.toContain(
      'you left off at step 2 of 4',
    );
    await expect(again.locator('h1').textContent()).resolves.toBe('Scan document');
    await walkToOutcomes(again);
    await screenshot(again, 'faceki');
    await pick(again, 'REVIEW');
    await again.waitForURL(APP);
    expect(await link.vendorState()).toBe('REVIEW');
    const result = JSON.parse(events(hooks)[0]!);
    expect(result).toMatchObject({ status: 'REVIEW' });
    await again.close();
    await close();
  });

  it('gu1: accepting the terms starts the validation, approving ends on the thank-you page (gu1 has no redirect)', async () => {
    const { base, hooks, page, close } = await setup();
    const link = await gu1Link(base, { hook: hooks.url });
    await page.goto(link.url);
    await expect(page.locator('button.primary').textContent()).resolves.toBe('Start verification');
    await walkToOutcomes(page);
    expect(await link.vendorState()).toBe('in_progress');
    await expect(page.locator('.identity h2').textContent()).resolves.toBe('Ana Pérez');
    await screenshot(page, 'gu1');
    await pick(page, 'approved');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    await expect(page.locator('.closed strong').textContent()).resolves.toBe('approved');
    expect(await link.vendorState()).toBe('approved');
    expect(events(hooks).map((b) => JSON.parse(b).event)).toEqual([
      'kyc.validation_created',
      'kyc.validation_in_progress',
      'kyc.validation_approved',
    ]);
    await close();
  });

  it('Baanx: the Veriff flow rejects with a reason; Baanx has no webhooks, the state is polled', async () => {
    const { base, hooks, page, close } = await setup();
    const link = await baanxLink(base);
    await page.goto(link.url);
    await expect(page.locator('.vendor-name').textContent()).resolves.toBe('Veriff');
    await expect(page.locator('.vendor-product').textContent()).resolves.toBe(
      'Identity verification for Baanx',
    );
    await walkToOutcomes(page);
    await screenshot(page, 'baanx');
    await pick(page, 'REJECTED', 'Face does not match the document');
    await expect(page.locator('.closed strong').textContent()).resolves.toBe('REJECTED');
    expect(await link.vendorState()).toBe('REJECTED');
    expect(hooks.received).toEqual([]);
    // The registration link is used once submitted: opening it again says so.
    const reopened = await page.goto(link.url);
    expect(reopened?.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('This link has already been used');
    await close();
  });
});
