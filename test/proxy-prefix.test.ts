// The pages behind a reverse proxy with a path prefix (--public-url http://host/kyc): a small
// node:http proxy strips /kyc; the link it hands out opens, its stylesheet loads, Continue posts
// and its redirect lands on the next step, all through the proxy.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY } from '../src/providers/capa/testing.js';
import { testSandbox } from './helpers.js';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

/** Forwards /kyc/… to the sandbox as /…; anything else is a 404 of the proxy's own. */
async function prefixProxy(
  target: () => number,
  extra: Record<string, string> = {},
): Promise<number> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/kyc/')) return void res.writeHead(404).end('proxy: no route');
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target(),
        path: req.url.slice(4),
        method: req.method,
        headers: { ...req.headers, ...extra },
      },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const attr = (html: string, re: RegExp) => re.exec(html)?.[1]?.replace(/&amp;/g, '&');

describe('behind a path prefix', () => {
  it('links, stylesheet, forms and redirects all go through the prefix', async () => {
    let sandboxPort = 0;
    const proxyPort = await prefixProxy(() => sandboxPort);
    const base = `http://127.0.0.1:${proxyPort}/kyc`;
    const sb = testSandbox({ publicUrl: base, providers: ['capa'] });
    sandboxPort = (await sb.listen(0)).port;
    const headers = { 'partner-api-key': KEY, 'content-type': 'application/json' };
    const api = `${base}/capa/api/partner/v2`;
    const user = await fetch(`${api}/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'INDIVIDUAL', email: 'ada@example.com' }),
    });
    const { userId } = ((await user.json()) as { data: { userId: string } }).data;
    const made = await fetch(`${api}/users/${userId}/kyc/verification-link`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ country: 'MX' }),
    });
    const link = ((await made.json()) as { data: { kycLink: string } }).data.kycLink;
    expect(link.startsWith(`${base}/verify/capa/`)).toBe(true);

    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    const css = new URL(attr(html, /<link rel="stylesheet" href="([^"]+)"/)!, link);
    expect(css.pathname.startsWith('/kyc/')).toBe(true);
    const sheet = await fetch(css);
    expect([sheet.status, sheet.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('css'),
    ]);

    const action = new URL(attr(html, /<form method="post" action="([^"]+\/next)"/)!, link);
    expect(action.href).toBe(`${link}/next`);
    const next = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'from=0&agree=yes',
      redirect: 'manual',
    });
    expect(next.status).toBe(303);
    const after = new URL(next.headers.get('location')!, action);
    expect(after.href).toBe(`${link}?step=1`);
    const second = await fetch(after);
    expect([second.status, await second.text()]).toEqual([
      200,
      expect.stringContaining('step 2 of 4'),
    ]);
  });
});

/** A Capa link made through `url` with extra request headers. */
async function linkVia(url: string, headers: Record<string, string> = {}) {
  const h = { 'partner-api-key': KEY, 'content-type': 'application/json', ...headers };
  const api = `${url}/capa/api/partner/v2`;
  const body = JSON.stringify({ type: 'INDIVIDUAL', email: `u${Math.random()}@example.com` });
  const user = await fetch(`${api}/users`, { method: 'POST', headers: h, body });
  const { userId } = ((await user.json()) as { data: { userId: string } }).data;
  const made = await fetch(`${api}/users/${userId}/kyc/verification-link`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ country: 'MX' }),
  });
  return ((await made.json()) as { data: { kycLink: string } }).data.kycLink;
}

describe('--trust-proxy', () => {
  it('names the address a request came through in its links, and only when trusted', async () => {
    let port = 0;
    const proxyPort = await prefixProxy(() => port, {
      'x-forwarded-host': 'kyc.example.test',
      'x-forwarded-proto': 'https',
      'x-forwarded-prefix': '/kyc',
    });
    const sb = testSandbox({ trustProxy: true, publicUrl: undefined, providers: ['capa'] });
    const direct = (await sb.listen(0)).url;
    port = new URL(direct).port as unknown as number;
    expect(await linkVia(`http://127.0.0.1:${proxyPort}/kyc`)).toMatch(
      /^https:\/\/kyc\.example\.test\/kyc\/verify\/capa\//,
    );
    const ui = await fetch(`http://127.0.0.1:${proxyPort}/kyc/_sandbox/ui`);
    expect(ui.headers.getSetCookie()).toEqual([expect.stringContaining('Path=/kyc/_sandbox/ui;')]);
    const forwarded = { forwarded: 'for=10.0.0.1;host="qa.example.test:8443";proto=https' };
    expect(await linkVia(direct, forwarded)).toMatch(/^https:\/\/qa\.example\.test:8443\/verify\//);
    expect(await linkVia(direct)).toMatch(new RegExp(`^${direct}/verify/capa/`));
    const bad = { 'x-forwarded-host': 'evil.test/"><script>' };
    expect(await linkVia(direct, bad)).toMatch(new RegExp(`^${direct}/verify/capa/`));

    const untrusted = testSandbox({ publicUrl: undefined, providers: ['capa'] });
    const plain = (await untrusted.listen(0)).url;
    expect(await linkVia(plain, forwarded)).toMatch(new RegExp(`^${plain}/verify/capa/`));
  });
});

/** A browser's cookies, kept by path: sent only where their Path covers the URL, as a browser does. */
function cookieJar() {
  const jar = new Map<string, { value: string; path: string }>();
  return {
    keep(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const [name, value] = pair!.split('=') as [string, string];
        const path =
          attrs
            .map((a) => a.trim())
            .find((a) => /^path=/i.test(a))
            ?.slice(5) ?? '/';
        jar.set(name.trim(), { value, path });
      }
      return res;
    },
    for: (url: URL) =>
      [...jar]
        .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(`${c.path}/`))
        .map(([name, c]) => `${name}=${c.value}`)
        .join('; '),
    paths: () => Object.fromEntries([...jar].map(([name, c]) => [name, c.path])),
  };
}

const links = (html: string, base: URL) =>
  [...html.matchAll(/(href|action|src|data-root)="([^"]+)"/g)]
    .filter((m) => !m[2]!.startsWith('data:'))
    .map((m) => ({ kind: m[1]!, url: new URL(m[2]!.replace(/&amp;/g, '&'), base) }));

describe('the dashboard behind a path prefix', () => {
  it('signs in, links, posts its forms and redirects, all through the prefix', async () => {
    let sandboxPort = 0;
    const proxyPort = await prefixProxy(() => sandboxPort);
    const base = `http://127.0.0.1:${proxyPort}/kyc`;
    const token = 'the-admin-token-behind-a-proxy-01';
    const sb = testSandbox({ publicUrl: base, providers: ['capa'], adminToken: token });
    sandboxPort = (await sb.listen(0)).port;
    await linkVia(base);
    const jar = cookieJar();
    const get = async (url: URL | string) => {
      const u = new URL(url);
      return jar.keep(await fetch(u, { headers: { cookie: jar.for(u) }, redirect: 'manual' }));
    };
    const post = async (url: URL, form: Record<string, string>) =>
      jar.keep(
        await fetch(url, {
          method: 'POST',
          headers: { cookie: jar.for(url), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form),
          redirect: 'manual',
        }),
      );
    const follow = (res: Response, from: URL | string) =>
      new URL(res.headers.get('location')!, from);

    const root = await get(`${base}/`);
    expect(follow(root, `${base}/`).href).toBe(`${base}/_sandbox/ui`);
    const gate = await get(`${base}/_sandbox/ui`);
    const loginUrl = follow(gate, `${base}/_sandbox/ui`);
    expect([gate.status, loginUrl.href]).toEqual([303, `${base}/_sandbox/ui/login`]);
    const login = await get(loginUrl);
    const action = links(await login.text(), loginUrl).find((l) => l.kind === 'action')!.url;
    expect(action.href).toBe(`${base}/_sandbox/ui/login`);
    const signedIn = await post(action, { token });
    expect([signedIn.status, follow(signedIn, action).href]).toEqual([303, `${base}/_sandbox/ui`]);
    expect(jar.paths()).toMatchObject({ kyc_sandbox_admin: '/kyc/_sandbox' });

    const dashboard = new URL(`${base}/_sandbox/ui`);
    const page = await get(dashboard);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(jar.paths()).toMatchObject({ kyc_sandbox_csrf: '/kyc/_sandbox/ui' });
    const found = links(html, dashboard);
    expect(found.length).toBeGreaterThan(10);
    expect(found.filter((l) => !l.url.pathname.startsWith('/kyc/'))).toEqual([]);
    for (const l of found.filter((f) => f.kind !== 'action')) {
      const res = await get(l.url);
      expect([l.url.href, res.status]).toEqual([l.url.href, 200]);
    }

    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const advance = found.find((l) => l.url.pathname.endsWith('/clock/advance'))!.url;
    const done = await post(advance, { tenant: '*', by: '1m', back: '/_sandbox/ui', csrf });
    const back = follow(done, advance);
    expect([done.status, back.href]).toEqual([303, `${base}/_sandbox/ui?notice=advanced`]);
    expect(await (await get(back)).text()).toContain('Clock advanced');
  });

  it('the API reference sends its requests and links its contract under the prefix', async () => {
    let sandboxPort = 0;
    const proxyPort = await prefixProxy(() => sandboxPort);
    const base = `http://127.0.0.1:${proxyPort}/kyc`;
    const sb = testSandbox({ publicUrl: base, providers: ['capa'] });
    sandboxPort = (await sb.listen(0)).port;
    const reference = new URL(`${base}/_sandbox/ui/reference/capa`);
    const found = links(await (await fetch(reference)).text(), reference);
    expect(found.find((l) => l.kind === 'data-root')?.url.href).toBe(`${base}/`);
    for (const l of found) {
      expect(l.url.pathname.startsWith('/kyc/'), l.url.href).toBe(true);
      const res = await fetch(l.url);
      expect([l.url.href, res.status]).toEqual([l.url.href, 200]);
    }
  });
});
