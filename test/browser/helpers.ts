// Browser-test helpers: Debian's Chromium through playwright-core (never a downloaded browser), a
// fetch client for a listening sandbox, and one "make a link" recipe per provider, through its API.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

let screenshotDir: string | undefined;

/**
 * Where screenshot() writes: docs/screenshots with UPDATE_SCREENSHOTS=1, otherwise a fresh folder
 * under the OS temp dir, so a test run leaves the working tree as it found it.
 */
export function screenshotsDir(): string {
  screenshotDir ??=
    process.env.UPDATE_SCREENSHOTS === '1'
      ? DOCS_SCREENSHOTS
      : mkdtempSync(join(tmpdir(), 'kyc-sandbox-screenshots-'));
  return screenshotDir;
}

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

export async function screenshot(page: Page, name: string) {
  const dir = screenshotsDir();
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
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
async function ok<T>(p: Promise<Answer<T>>, what: string, status = [200, 201]): Promise<T> {
  const a = await p;
  if (!status.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

export interface Link {
  url: string;
  id: string;
  /** How a test reads the vendor's own view of the outcome afterwards. */
  vendorState(): Promise<string>;
}

export const CAPA_KEY = 'capa_test_partner_key_000000000001';
export const KULIPA_KEY = 'kulipa_test_key_tenant_one_0001';
export const FACEKI = {
  clientId: 'faceki_test_client_v2',
  clientSecret: 'faceki_test_secret_v2_000001',
};
export const GU1 = {
  key: 'gk_sandbox_org1_5f0c2a9e00000001',
  org: '5f0c2a9e-0000-4000-8000-000000000001',
};
export const BAANX_KEY = 'baa0c11e-0000-4000-8000-000000000001';

export async function capaLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  const h = { 'partner-api-key': CAPA_KEY };
  await ok(
    api(base, 'PUT', '/capa/api/partner/v2/webhook-settings', {
      headers: h,
      json: { url: opts.hook },
    }),
    'capa webhook settings',
  );
  const user = await ok(
    api<{ data: { userId: string } }>(base, 'POST', '/capa/api/partner/v2/users', {
      headers: h,
      json: { type: 'INDIVIDUAL', email: 'browser@example.com' },
    }),
    'capa user',
  );
  const userId = user.data.userId;
  const link = await ok(
    api<{ data: { kycLink: string } }>(
      base,
      'POST',
      `/capa/api/partner/v2/users/${userId}/kyc/verification-link`,
      { headers: h, json: { country: 'MX', partnerRedirectUri: opts.redirect } },
    ),
    'capa link',
  );
  const url = link.data.kycLink;
  return {
    url,
    id: url.split('/').pop()!,
    vendorState: async () =>
      (
        await ok(
          api<{ data: { aipriseSummary: { verificationResult: string } } }>(
            base,
            'GET',
            `/capa/api/partner/v2/kyc/details?userId=${userId}`,
            { headers: h },
          ),
          'capa details',
        )
      ).data.aipriseSummary.verificationResult,
  };
}

export async function kulipaLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  const h = { 'x-api-key': KULIPA_KEY };
  await ok(
    api(base, 'PUT', '/kulipa/v1/webhooks', { headers: h, json: { url: opts.hook } }),
    'kulipa webhooks',
  );
  const user = await ok(
    api<{ id: string }>(base, 'POST', '/kulipa/v1/users', {
      headers: h,
      json: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        countryOfResidence: 'FR',
      },
    }),
    'kulipa user',
  );
  const kyc = await ok(
    api<{ id: string; url: string }>(base, 'PUT', '/kulipa/v1/kycs', {
      headers: h,
      json: { userId: user.id, type: 'full', redirectUri: opts.redirect },
    }),
    'kulipa kyc',
  );
  return {
    url: kyc.url,
    id: kyc.id,
    vendorState: async () =>
      (
        await ok(
          api<{ status: string }>(base, 'GET', `/kulipa/v1/kycs/${kyc.id}`, { headers: h }),
          'kulipa read',
        )
      ).status,
  };
}

export async function facekiLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  await ok(
    api(base, 'PUT', '/_sandbox/providers/faceki/webhook-setup', {
      json: { tenant: FACEKI.clientId, url: opts.hook },
    }),
    'faceki webhook setup',
  );
  const token = (
    await ok(
      api<{ data: { access_token: string } }>(
        base,
        'GET',
        `/faceki/auth/api/access-token?clientId=${FACEKI.clientId}&clientSecret=${FACEKI.clientSecret}`,
      ),
      'faceki token',
    )
  ).data.access_token;
  const h = { authorization: `Bearer ${token}` };
  const link = await ok(
    api<{ data: string; url: string }>(
      base,
      'POST',
      '/faceki/kycverify/api/kycverify/kyc-verify-link',
      {
        headers: h,
        json: { expiryTime: '30', applicationId: 'app-browser-1', redirect_url: opts.redirect },
      },
    ),
    'faceki link',
  );
  return {
    url: link.url,
    id: link.data,
    vendorState: async () =>
      (
        await ok(
          api<{ data: { state: string } }>(
            base,
            'GET',
            `/faceki/kycverify/api/kycverify/validate-kyc-verify-link?url=${link.data}`,
            { headers: h },
          ),
          'faceki validate',
        )
      ).data.state,
  };
}

export async function gu1Link(base: string, opts: { hook: string }): Promise<Link> {
  const h = { authorization: `Bearer ${GU1.key}`, 'x-organization-id': GU1.org };
  const entity = await ok(
    api<{ entity: { id: string } }>(base, 'POST', '/gu1/api/entities', {
      headers: h,
      json: { type: 'person', name: 'Ana Pérez', countryCode: 'AR', taxId: '20-30111222-1' },
    }),
    'gu1 entity',
  );
  const v = await ok(
    api<{ id: string; providerSessionUrl: string }>(base, 'POST', '/gu1/api/kyc/validations', {
      headers: h,
      json: {
        entityId: entity.entity.id,
        integrationCode: 'global_gueno_validation_kyc',
        webhookUrl: opts.hook,
      },
    }),
    'gu1 validation',
  );
  return {
    url: v.providerSessionUrl,
    id: v.id,
    vendorState: async () =>
      (
        await ok(
          api<{ status: string }>(base, 'GET', `/gu1/api/kyc/validations/${v.id}`, { headers: h }),
          'gu1 read',
        )
      ).status,
  };
}

export async function baanxLink(base: string): Promise<Link> {
  const h = { 'x-client-key': BAANX_KEY };
  const email = 'grace@example.com';
  const { contactVerificationId } = await ok(
    api<{ contactVerificationId: string }>(base, 'POST', '/baanx/v1/auth/register/email/send', {
      headers: h,
      json: { email },
    }),
    'baanx email/send',
  );
  const verified = await ok(
    api<{ onboardingId: string }>(base, 'POST', '/baanx/v1/auth/register/email/verify', {
      headers: h,
      json: {
        email,
        password: 'x1x2x3x4y1y2y3y4!!',
        verificationCode: '123456',
        contactVerificationId,
        countryOfResidence: 'GB',
        allowMarketing: false,
        allowSms: false,
      },
    }),
    'baanx email/verify',
  );
  const onboardingId = verified.onboardingId;
  // Baanx's KYC step comes "after phone verification is complete".
  const phone = { phoneCountryCode: '+44', phoneNumber: '7400846282', contactVerificationId };
  await ok(
    api(base, 'POST', '/baanx/v1/auth/register/phone/send', { headers: h, json: phone }),
    'baanx phone/send',
  );
  await ok(
    api(base, 'POST', '/baanx/v1/auth/register/phone/verify', {
      headers: h,
      json: { onboardingId, ...phone, verificationCode: '123456' },
    }),
    'baanx phone/verify',
  );
  const { sessionUrl } = await ok(
    api<{ sessionUrl: string }>(base, 'POST', '/baanx/v1/auth/register/verification', {
      headers: h,
      json: { onboardingId },
    }),
    'baanx verification',
  );
  return {
    url: sessionUrl,
    id: sessionUrl.split('/').pop()!,
    vendorState: async () =>
      (
        await ok(
          api<{ verificationState: string }>(
            base,
            'GET',
            `/baanx/v1/auth/register?onboardingId=${onboardingId}`,
            { headers: h },
          ),
          'baanx register',
        )
      ).verificationState,
  };
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
