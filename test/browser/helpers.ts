// Browser-test helpers: Debian's Chromium through playwright-core (never a downloaded browser),
// screenshots, a fetch client for a listening sandbox (recipes per provider: links.ts).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Put in describe titles, so a skipped run says why. */
export const SKIP_REASON = hasChromium
  ? ''
  : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`;

/** The committed screenshots, rewritten only when asked: UPDATE_SCREENSHOTS=1 npx vitest run test/browser. */
export const DOCS_SCREENSHOTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'screenshots',
);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The page as its committed screenshot, written only when asked (UPDATE_SCREENSHOTS=1): nothing else
 * reads one, and full-page PNGs cost a test run ~2.5 s of CPU and a temp folder left behind each time.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** An answer of the listening sandbox; T is the body shape the caller expects (unchecked). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** One HTTP call to the listening sandbox, as a client would make it. */
export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  init: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T };
}

/** The body of an answer with an expected status, typed as the caller expects; throws otherwise. */
export async function ok<T>(p: Promise<Answer<T>>, what: string, status = [200, 201]): Promise<T> {
  const a = await p;
  if (!status.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

/** Walks from the first screen to the last: consent ticked, then Continue until the outcomes show. */
export async function walkToOutcomes(page: Page) {
  const consent = page.locator('input[name=agree]');
  if (await consent.count()) await consent.check();
  for (let i = 0; i < 10 && (await page.locator('form.outcome').count()) === 0; i++) {
    await page.locator('button.primary').click();
    await page.waitForLoadState('domcontentloaded');
  }
}
