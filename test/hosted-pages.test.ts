// The verification pages in-process (app.request): statuses of closed and unknown links, escaping,
// the CSP on every answer, the redirect rules, resuming, and a provider that brings only its data.
import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../src/hosted/security.js';
import { capa as capaProvider } from '../src/providers/capa/index.js';
import { createLink, createUser, sessionIdOf } from '../src/providers/capa/testing.js';
import {
  createEntity,
  createValidation,
  sandbox as gu1Sandbox,
} from '../src/providers/gu1/testing.js';
import {
  initiate,
  createUser as kulipaUser,
  sandbox as kulipaSandbox,
} from '../src/providers/kulipa/testing.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { call, testSandbox } from './helpers.js';

const form = (
  sb: Sandbox,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) => sb.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers });

async function capaPage(sb: Sandbox, redirect?: string) {
  const userId = await createUser(sb);
  const link = (await createLink(sb, userId, redirect ? { partnerRedirectUri: redirect } : {})).body
    .data.kycLink as string;
  return { userId, path: new URL(link).pathname, id: sessionIdOf(link) };
}

const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

describe('verification page statuses', () => {
  it('answers 404 with a page for an unknown link and for a link under another provider', async () => {
    const sb = testSandbox();
    const { id } = await capaPage(sb);
    for (const path of [
      '/verify/capa/00000000-0000-4000-8000-000000000000',
      `/verify/kulipa/${id}`,
      '/verify/capa',
    ]) {
      const res = await call(sb, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.text).toContain('Link not found');
    }
    expect((await form(sb, '/verify/capa/nope', { state: 'VERIFIED' })).status).toBe(404);
  });

  it('answers 410 once the link expires on the tenant clock, and says so', async () => {
    const sb = testSandbox();
    const { path } = await capaPage(sb);
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'capa', tenant: 'capa_test_partner_key_000000000001', by: '25h' },
    });
    const res = await call(sb, 'GET', path);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link has expired');
    expect((await form(sb, path, { state: 'VERIFIED' })).status).toBe(410);
  });

  it('answers 410 for a used link and for one a newer link superseded', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const first = new URL((await createLink(sb, userId)).body.data.kycLink).pathname;
    const second = new URL((await createLink(sb, userId)).body.data.kycLink).pathname;
    const superseded = await call(sb, 'GET', first);
    expect([superseded.status, superseded.text.includes('This link was replaced')]).toEqual([
      410,
      true,
    ]);
    expect((await form(sb, second, { state: 'VERIFIED' })).status).toBe(200);
    const used = await call(sb, 'GET', second);
    expect([used.status, used.text.includes('already been used')]).toEqual([410, true]);
  });

  it("shows the vendor's own words for a cancelled gu1 validation", async () => {
    const sb = gu1Sandbox();
    const v = (await createValidation(sb, await createEntity(sb))).body;
    await call(sb, 'POST', `/_sandbox/sessions/${v.id}/transition`, {
      json: { state: 'cancelled' },
    });
    const res = await call(sb, 'GET', new URL(v.providerSessionUrl).pathname);
    expect(res.status).toBe(410);
    expect(res.text).toContain('cancelled the verification');
  });
});

describe('verification page content and escaping', () => {
  it('shows the vendor, its steps and the faker identity, with every reflected value escaped', async () => {
    const sb = kulipaSandbox();
    const userId = await kulipaUser(sb, {
      firstName: '<script>alert(1)</script>',
      lastName: '"><img src=x onerror=alert(2)>',
    });
    const kyc = (await initiate(sb, userId)).body;
    const path = new URL(kyc.url).pathname;
    const page = await call(sb, 'GET', path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kulipa verification');
    expect(page.text).toContain('Get started');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toContain('<img src=x');
    // The last step (the outcome picker) shows the same identity, still escaped.
    await form(sb, `${path}/next`, { from: '0', agree: 'yes' });
    await form(sb, `${path}/next`, { from: '1' });
    await form(sb, `${path}/next`, { from: '2' });
    const review = await call(sb, 'GET', path);
    expect(review.text).toContain('data-state="declined"');
    expect(review.text).not.toContain('<script>alert(1)');
  });

  it('puts a strict CSP (no inline script or style) and anti-framing headers on every answer', async () => {
    const sb = testSandbox();
    const { path } = await capaPage(sb, 'https://partner.example/back');
    const answers = [
      await sb.app.request(path),
      await sb.app.request('/verify/capa/nope'),
      await form(sb, `${path}/next`, { from: '0' }),
      await sb.app.request('/_sandbox/ui/assets/app.css'),
    ];
    for (const res of answers) {
      expect(csp(res)).toContain("default-src 'none'");
      expect(csp(res)).toContain("frame-ancestors 'none'");
      expect(csp(res)).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // form-action admits the one redirect a decision may follow, so the browser lets it through.
    expect(csp(answers[0]!)).toContain("form-action 'self' https://partner.example;");
  });

  it('refuses a cross-site form post', async () => {
    const sb = testSandbox();
    const { path } = await capaPage(sb);
    expect(
      (await form(sb, path, { state: 'VERIFIED' }, { 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
  });
});

describe('walking the flow', () => {
  it('needs consent on the first step, then resumes where the person left off', async () => {
    const sb = testSandbox();
    const { path } = await capaPage(sb);
    const refused = await form(sb, `${path}/next`, { from: '0' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tick the box');
    const next = await form(sb, `${path}/next`, { from: '0', agree: 'yes' });
    // Relative to the page, so it holds behind a proxy's path prefix.
    const location = next.headers.get('location')!;
    expect([next.status, location]).toEqual([303, `../../..${path}?step=1`]);
    expect(new URL(location, `http://sandbox.test/kyc${path}/next`).href).toBe(
      `http://sandbox.test/kyc${path}?step=1`,
    );
    const reopened = await call(sb, 'GET', path);
    expect(reopened.text).toContain('Welcome back: you left off at step 2 of 4.');
    // A step not reached yet cannot be jumped to from the URL.
    expect((await call(sb, 'GET', `${path}?step=3`)).text).toContain('<h1>Identity document</h1>');
  });

  it('offers only the outcomes the vendor allows: other states are 400, impossible ones 409', async () => {
    const sb = testSandbox();
    const { path } = await capaPage(sb);
    expect((await form(sb, path, { state: 'NOT_STARTED' })).status).toBe(400);
    expect(
      (await form(sb, path, { state: 'REVIEW_NEEDED', reason: 'Address needs a manual check' }))
        .status,
    ).toBe(200);
    const late = await sb.app.request(path);
    expect(late.status).toBe(410);
  });

  it('passes the chosen reason to the transition', async () => {
    const sb = testSandbox();
    const { path, userId } = await capaPage(sb);
    await form(sb, path, { state: 'REJECTED', reason: 'Document expired' });
    const details = await call(sb, 'GET', `/capa/api/partner/v2/kyc/details?userId=${userId}`, {
      headers: { 'partner-api-key': 'capa_test_partner_key_000000000001' },
    });
    expect(details.body.data.idInfo.statusReasons).toEqual([
      { code: 'DOCUMENT_EXPIRED', message: 'Document expired' },
    ]);
  });
});

describe('redirect rules', () => {
  it('redirects only to the stored URI (plus parameters), with an allowed scheme', () => {
    expect(safeRedirect('https://a.example/x?s=1', 'https://a.example/x')).toBe(
      'https://a.example/x?s=1',
    );
    expect(safeRedirect('https://evil.example/x', 'https://a.example/x')).toBeNull();
    expect(safeRedirect('https://a.example/x.evil.example', 'https://a.example/x')).toBeNull();
    expect(safeRedirect('myapp://done?s=1', 'myapp://done')).toBeNull();
    expect(safeRedirect('myapp://done?s=1', 'myapp://done', ['https', 'app'])).toBe(
      'myapp://done?s=1',
    );
    expect(
      safeRedirect('javascript://x%0aalert(1)', 'javascript://x%0aalert(1)', [
        'https',
        'http',
        'app',
      ]),
    ).toBeNull();
    expect(
      safeRedirect('http://partner.example/', 'http://partner.example/', [
        'https',
        'http-localhost',
      ]),
    ).toBeNull();
    expect(
      safeRedirect('http://localhost:3000/cb', 'http://localhost:3000/cb', [
        'https',
        'http-localhost',
      ]),
    ).toBe('http://localhost:3000/cb');
  });

  it('follows the vendor redirect with its parameters, custom schemes included', async () => {
    const sb = testSandbox();
    const { path, userId } = await capaPage(sb, 'myapp://kyc/done');
    const res = await form(sb, path, { state: 'VERIFIED' });
    expect([res.status, res.headers.get('location')]).toEqual([
      303,
      `myapp://kyc/done?userId=${userId}&status=VERIFIED`,
    ]);
  });

  it('stays on the page when a provider computes a redirect that is not the stored one, or a scheme it does not allow', async () => {
    const rogue = {
      ...capaProvider,
      sessions: { ...capaProvider.sessions!, redirectFor: () => 'https://evil.example/steal' },
    };
    const sb = testSandbox({ providers: [rogue] });
    const { path } = await capaPage(sb, 'https://partner.example/back');
    const res = await form(sb, path, { state: 'VERIFIED' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('does not allow');

    const strict = {
      ...capaProvider,
      sessions: {
        ...capaProvider.sessions!,
        hosted: { ...capaProvider.sessions!.hosted!, redirectSchemes: ['https' as const] },
      },
    };
    const sb2 = testSandbox({ providers: [strict] });
    const app = await capaPage(sb2, 'myapp://kyc/done');
    expect((await form(sb2, app.path, { state: 'VERIFIED' })).status).toBe(200);
  });
});

describe('a provider that describes its flow and nothing else', () => {
  it('gets a page from plain step names and outcomes, and a generic faker identity', async () => {
    const { identity: _drop, ...bare } = capaProvider.sessions!;
    const plain = {
      ...capaProvider,
      title: 'Newco',
      sessions: {
        ...bare,
        hosted: {
          steps: ['Hello', 'Passport photo', 'Face scan', 'Done'],
          outcomes: [{ label: 'Yes', state: 'VERIFIED' }],
        },
      },
    };
    const sb = testSandbox({ providers: [plain] });
    const { path } = await capaPage(sb);
    const first = await call(sb, 'GET', path);
    expect(first.text).toContain('<h1>Hello</h1>');
    expect(first.text).toContain('name="agree"');
    await form(sb, `${path}/next`, { from: '0', agree: 'yes' });
    expect((await call(sb, 'GET', `${path}?step=1`)).text).toContain('class="doc-photo"');
    await form(sb, `${path}/next`, { from: '1' });
    await form(sb, `${path}/next`, { from: '2' });
    const last = await call(sb, 'GET', path);
    expect(last.text).toContain('data-state="VERIFIED"');
    expect(last.text).toContain('Newco');
  });
});
