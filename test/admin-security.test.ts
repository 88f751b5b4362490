// The control plane beyond localhost: the bind address decides whether a token is needed; a vendor
// credential controls its own tenant only; writes come from same-origin JSON clients; the Host must
// name this sandbox; dot segments never reach /_sandbox through a vendor prefix.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  capa,
  createLink,
  createUser,
  KEY,
  OTHER_KEY,
  sessionIdOf,
} from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

/** A raw request over a socket: the target exactly as given, headers as given. */
function raw(
  url: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const u = new URL(url);
      const req = request(
        { host: u.hostname, port: u.port, method, path: target, headers },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: text, headers: res.headers }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('bound beyond loopback', () => {
  it('needs the admin token for the control plane, called from anywhere, and keeps vendor routes open', async () => {
    const sb = testSandbox();
    const { url, adminToken } = await sb.listen(0, '0.0.0.0');
    expect(adminToken).toMatch(/^[\w-]{20,}$/);
    const local = url.replace('0.0.0.0', '127.0.0.1').replace('//127.0.0.1', '//127.0.0.1');
    expect(local).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const denied = await raw(local, 'GET', '/_sandbox/tenants');
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.body).error.code).toBe('admin_token_required');
    expect(
      (await raw(local, 'POST', '/_sandbox/reset', { 'content-type': 'application/json' }, '{}'))
        .status,
    ).toBe(401);
    expect(
      (await raw(local, 'GET', '/_sandbox/tenants', { authorization: `Bearer ${adminToken}` }))
        .status,
    ).toBe(200);
    expect(
      (await raw(local, 'GET', '/_sandbox/tenants', { authorization: 'Bearer nope' })).status,
    ).toBe(401);
    expect((await raw(local, 'GET', '/_sandbox/health')).status).toBe(200);
    const user = await raw(
      local,
      'POST',
      '/capa/api/partner/v2/users',
      { 'partner-api-key': KEY, 'content-type': 'application/json' },
      JSON.stringify({ type: 'INDIVIDUAL', email: 'open@vendor.test' }),
    );
    expect(user.status).toBe(201);
  });

  it('sends the dashboard to a sign-in that sets an HttpOnly, SameSite=Strict cookie', async () => {
    const sb = testSandbox({ adminToken: 'the-admin-token-0123456789' });
    const { url } = await sb.listen(0, '0.0.0.0');
    const local = url.replace('0.0.0.0', '127.0.0.1');
    const page = await raw(local, 'GET', '/_sandbox/ui');
    expect(page.status).toBe(303);
    expect(new URL(String(page.headers.location), `${local}/_sandbox/ui`).pathname).toBe(
      '/_sandbox/ui/login',
    );
    expect((await raw(local, 'GET', '/_sandbox/ui/login')).status).toBe(200);
    const wrong = await raw(
      local,
      'POST',
      '/_sandbox/ui/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'token=wrong',
    );
    expect(wrong.status).toBe(401);
    const signed = await raw(
      local,
      'POST',
      '/_sandbox/ui/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'token=the-admin-token-0123456789',
    );
    expect(signed.status).toBe(303);
    const cookie = String((signed.headers['set-cookie'] as string[])[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(
      (await raw(local, 'GET', '/_sandbox/ui', { cookie: cookie.split(';')[0]! })).status,
    ).toBe(200);
  });

  it('links do not point at 0.0.0.0', async () => {
    const sb = testSandbox({ publicUrl: undefined });
    await sb.listen(0, '0.0.0.0');
    expect(sb.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('a vendor credential as its tenant admin credential', () => {
  const as = (key: string) => ({ 'x-sandbox-tenant': `capa:${key}` });

  it('sees and changes only its own tenant', async () => {
    const sb = testSandbox();
    const mine = sessionIdOf((await createLink(sb, await createUser(sb))).body.data.kycLink);
    const theirs = sessionIdOf(
      (await createLink(sb, await createUser(sb, {}, OTHER_KEY), {}, OTHER_KEY)).body.data.kycLink,
    );
    const sessions = await call(sb, 'GET', '/_sandbox/sessions', { headers: as(KEY) });
    expect(sessions.body.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect(
      (await call(sb, 'GET', `/_sandbox/sessions/${theirs}`, { headers: as(KEY) })).status,
    ).toBe(404);
    expect(
      (
        await call(sb, 'GET', `/_sandbox/sessions?provider=capa&tenant=${OTHER_KEY}`, {
          headers: as(KEY),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(sb, 'POST', `/_sandbox/sessions/${theirs}/transition`, {
          headers: as(KEY),
          json: { state: 'VERIFIED' },
        })
      ).status,
    ).toBe(404);
    expect(
      Object.keys((await call(sb, 'GET', '/_sandbox/snapshot', { headers: as(KEY) })).body),
    ).toEqual(['capa:capa…0001']);
    expect(
      Object.keys((await call(sb, 'GET', '/_sandbox/snapshot', { headers: as(OTHER_KEY) })).body),
    ).toEqual(['capa:capa…0002']);
  });

  it('adds a fault rule that fails only its own calls, and resets only itself', async () => {
    const sb = testSandbox();
    await createUser(sb, {}, OTHER_KEY);
    const rule = await call(sb, 'POST', '/_sandbox/faults', {
      headers: as(KEY),
      json: { provider: 'capa', status: 503, times: 2 },
    });
    expect(rule.status).toBe(201);
    expect(rule.body.tenant).toBe('capa…0001');
    expect(
      (await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'x@other.test' }, OTHER_KEY))
        .status,
    ).toBe(201);
    expect(
      (await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'x@mine.test' })).status,
    ).toBe(503);
    await call(sb, 'POST', '/_sandbox/reset', { headers: as(KEY), json: {} });
    expect((await call(sb, 'GET', '/_sandbox/faults')).body).toEqual([]);
    expect(Object.keys(sb.snapshot())).toEqual([`capa:${OTHER_KEY}`]);
  });

  it('moves only its own clock when it names none', async () => {
    const sb = testSandbox();
    await call(sb, 'POST', '/_sandbox/clock/advance', { headers: as(KEY), json: { by: '1d' } });
    expect(sb.time.now({ provider: 'capa', tenant: KEY }) - sb.time.now()).toBe(86_400_000);
    expect(sb.time.now({ provider: 'capa', tenant: OTHER_KEY })).toBe(sb.time.now());
  });
});

describe('cross-site writes and foreign hosts', () => {
  it.each([
    [{ 'content-type': 'text/plain' }, 415],
    [{ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 403],
    [{ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, 403],
    [
      {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        host: '127.0.0.1:4010',
      },
      403,
    ],
  ])('refuses a fault rule posted with %o, and nothing changes', async (headers, status) => {
    const sb = testSandbox();
    const res = await call(sb, 'POST', '/_sandbox/faults', {
      headers,
      body: JSON.stringify({ provider: 'capa', status: 503 }),
    });
    expect(res.status).toBe(status);
    expect((await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'a@b.co' })).status).toBe(
      201,
    );
  });

  it('refuses a Host that does not name this sandbox (DNS rebinding)', async () => {
    const sb = testSandbox();
    expect(
      (await call(sb, 'GET', '/_sandbox/tenants', { headers: { host: 'evil.example' } })).status,
    ).toBe(403);
    expect(
      (await call(sb, 'GET', '/_sandbox/tenants', { headers: { host: 'localhost:4010' } })).status,
    ).toBe(200);
    expect(
      (await call(sb, 'GET', '/_sandbox/tenants', { headers: { host: 'sandbox.test' } })).status,
    ).toBe(200);
  });

  it('refuses hosted-page posts from another site or origin', async () => {
    const sb = testSandbox();
    const link = (await createLink(sb, await createUser(sb))).body.data.kycLink as string;
    const path = new URL(link).pathname;
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://127.0.0.1:9999', host: '127.0.0.1:4010' },
    ]) {
      const res = await sb.app.request(path, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ state: 'VERIFIED' }),
      });
      expect(res.status).toBe(403);
    }
    expect((await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(link)}`)).body.state).toBe(
      'IN_PROGRESS',
    );
  });
});

describe('paths', () => {
  it.each([
    '/capa/%2e%2e/_sandbox/tenants',
    '/capa/%2E%2e/_sandbox/tenants',
    '/capa/../_sandbox/tenants',
    '/capa/.%2e/_sandbox/tenants',
    '/capa\\..\\_sandbox/tenants',
  ])('never routes %s into the admin API', async (target) => {
    const sb = testSandbox();
    const { url } = await sb.listen(0);
    const res = await raw(url, 'GET', target);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_path');
  });
});
