// The API reference page in Chromium: an operation's Send button calls the sandbox with the default
// credentials and a body sampled from the contract, and the answer appears below it. Also: the
// dashboard has no horizontal scrolling at 1280 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSandbox } from '../helpers.js';
import { hasChromium, launch, SKIP_REASON } from './helpers.js';
import { baanxLink, capaLink, facekiLink, gu1Link, kulipaLink } from './links.js';

describe.skipIf(!hasChromium)(
  `API reference at /_sandbox/ui/reference in Chromium${SKIP_REASON}`,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('sends an operation to the sandbox and shows the answer', async () => {
      const sb = testSandbox({ publicUrl: undefined });
      const { url } = await sb.listen(0);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${url}/_sandbox/ui/reference/capa`);
      await page.click('#createUser summary');
      await page.click('#createUser button[type=submit]');
      await page.waitForFunction(
        () =>
          !document.querySelector('#createUser .answer')?.textContent?.startsWith('…') &&
          document.querySelector('#createUser .answer')?.textContent,
      );
      const answer = await page.textContent('#createUser .answer');
      expect(answer).toMatch(/^201 /);
      expect(answer).toContain('"userId"');
      expect(errors).toEqual([]);
      expect(
        sb
          .tenant('capa', 'capa_test_partner_key_000000000001')
          .journal.count({ operation: 'createUser' }),
      ).toBe(1);
      await page.close();
    });

    it('fits the dashboard into 1280 px without horizontal scrolling', async () => {
      const sb = testSandbox({ publicUrl: undefined });
      const { url } = await sb.listen(0);
      // Tables with rows in them: a session of every provider, with its journal and webhooks.
      const hook = 'https://hooks.partner.example/kyc';
      await capaLink(url, { redirect: 'https://app.example.test/kyc', hook });
      await kulipaLink(url, { redirect: 'myapp://kyc/done', hook });
      await facekiLink(url, { redirect: 'https://app.example.test/kyc', hook });
      await gu1Link(url, { hook });
      await baanxLink(url);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      for (const path of ['', '/journal', '/webhooks', '/scenarios', '/reference/kulipa']) {
        await page.goto(`${url}/_sandbox/ui${path}`);
        const [scroll, client] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.clientWidth,
        ]);
        expect([path, scroll <= client]).toEqual([path, true]);
      }
      await page.close();
    });
  },
);
