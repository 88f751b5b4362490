// A small e2e set against real listening servers: sockets, the CLI process, and its exit codes.
// What keeps or reads state (vendor calls, links, the clock the admin commands move, a clean stop
// that closes the store) runs on each state backend (test/backends.ts); what is about the transport
// or the command line alone (body reading, output streams, flag errors, the bin) runs once.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY } from '../src/providers/capa/testing.js';
import { describeOnEachBackend, type TestBackend } from './backends.js';
import { testSandbox } from './helpers.js';
import { runCli, waitFor } from './process.js';

describeOnEachBackend('', (backend) => {
  it('serves vendor calls over HTTP and drops the connection for drop_connection', async () => {
    await vendorCallsOverHttp(backend);
  });

  it('kyc-sandbox serve starts, prints each base URL with credentials, answers admin commands, and stops on SIGTERM', async () => {
    await serveAdminAndStop(backend);
  });
});

async function vendorCallsOverHttp(backend: TestBackend) {
  const sb = testSandbox({ publicUrl: undefined, state: backend.state() });
  const { url } = await sb.listen(0);
  const ok = await fetch(`${url}/capa/api/partner/v2/users`, {
    method: 'POST',
    headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'INDIVIDUAL', email: 'e2e@example.com' }),
  });
  expect(ok.status).toBe(201);
  const userId = (await ok.json()).data.userId;
  const link = await fetch(`${url}/capa/api/partner/v2/users/${userId}/kyc/verification-link`, {
    method: 'POST',
    headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
    body: '{"country":"MX"}',
  });
  const { kycLink } = (await link.json()).data;
  expect(kycLink).toMatch(new RegExp(`^${url}/verify/capa/`));
  // The page the link opens reads the session back from the store.
  expect((await fetch(kycLink)).status).toBe(200);
  await expect(
    fetch(`${url}/capa/api/partner/v2/webhook-settings`, {
      headers: { 'partner-api-key': KEY, 'x-sandbox-scenario': 'drop_connection' },
    }),
  ).rejects.toThrow();
  const health = await fetch(`${url}/_sandbox/health`);
  expect([health.status, (await health.json()).state.backend]).toEqual([200, backend.name]);
  // The journal of a listening server keeps Node's raw header pairs: listed lower-cased, secrets redacted.
  const [entry] = await (
    await fetch(`${url}/_sandbox/journal?provider=capa&operation=createUser`)
  ).json();
  expect(entry.requestHeaders).toMatchObject({
    'content-type': 'application/json',
    'partner-api-key': 'capa…0001',
  });
  expect(entry.requestBody).toEqual({ type: 'INDIVIDUAL', email: 'e2e@example.com' });
}

/** A POST over a plain socket, its body sent with a content-length or, with chunked, in pieces without one. */
function post(url: string, body: string, chunked: boolean) {
  return new Promise<{ status: number; body: { data?: { userId?: string }; code?: string } }>(
    (resolve, reject) => {
      const headers: Record<string, string> = {
        'partner-api-key': KEY,
        'content-type': 'application/json',
      };
      if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
      const req = http.request(url, { method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.once('error', reject);
      if (chunked) for (let at = 0; at < body.length; at += 7) req.write(body.slice(at, at + 7));
      req.end(chunked ? undefined : body);
    },
  );
}

// Once: a body is read, and refused over the limit, before any state is touched (the snapshot check
// below says so), whatever the backend.
describe('request bodies over a socket', () => {
  it('reads a body with or without a declared length, and refuses one over the limit either way', async () => {
    const sb = testSandbox({ publicUrl: undefined, bodyLimit: 1024 });
    const { url } = await sb.listen(0);
    const users = `${url}/capa/api/partner/v2/users`;
    const declared = await post(
      users,
      JSON.stringify({ type: 'INDIVIDUAL', email: 'declared@example.com' }),
      false,
    );
    const streamed = await post(
      users,
      JSON.stringify({ type: 'INDIVIDUAL', email: 'streamed@example.com' }),
      true,
    );
    expect([declared.status, streamed.status]).toEqual([201, 201]);
    const before = JSON.stringify(sb.snapshot({ provider: 'capa' }));
    const big = JSON.stringify({ type: 'INDIVIDUAL', email: `${'x'.repeat(2000)}@example.com` });
    for (const chunked of [false, true]) {
      const refused = await post(users, big, chunked);
      expect([refused.status, refused.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
    expect(JSON.stringify(sb.snapshot({ provider: 'capa' }))).toBe(before);
    const link = await post(
      `${users}/${declared.body.data!.userId}/kyc/verification-link`,
      '{"country":"MX"}',
      false,
    );
    expect(link.status).toBe(201);
  });
});

async function serveAdminAndStop(backend: TestBackend) {
  const state = backend.state();
  const args = ['serve', '--port', '0', '--log-level', 'warn', '--clock', 'frozen'];
  const server = runCli(state ? [...args, '--state', state] : args);
  try {
    await waitFor(() => /listening on (http:\/\/\S+)/.test(server.out()));
    const url = /listening on (http:\/\/\S+)/.exec(server.out())![1];
    expect(server.out()).toContain(`Capa     ${url}/capa`);
    expect(server.out()).toContain(`partner-api-key: ${KEY}`);
    expect(server.out()).toContain(`state ${state ?? 'memory'})`);
    const advance = runCli(['advance', '2h', '--url', url, '--json']);
    expect(await advance.exit).toBe(0);
    expect(JSON.parse(advance.out()).now).toBe('2025-01-01T02:00:00.000Z');
    // For a person: key/value lines, the offset as a duration.
    const clock = runCli(['clock', '--url', url]);
    expect(await clock.exit).toBe(0);
    expect(clock.out()).toMatch(/^now\s+2025-01-01T02:00:00.000Z\nglobal\s+2h\n/);
    const bad = runCli(['fault', '--provider', 'capa', '--status', '418', '--url', url]);
    expect(await bad.exit).toBe(1);
    expect(bad.out()).toContain('unknown_status');
  } finally {
    server.child.kill('SIGTERM');
  }
  expect(await server.exit, server.err()).toBe(0);
}

// Once: output streams, flag errors, the bin and an unreachable --url are the command line's, not
// the store's. Serving and admin commands run on each backend above.
describe('kyc-sandbox command', () => {
  it('prints the banner alone on stdout and logs JSON lines on stderr', async () => {
    const server = runCli(['serve', '--port', '0', '--log-level', 'info']);
    await waitFor(() => /Admin .*\n/.test(server.out()));
    const url = /listening on (http:\/\/\S+)/.exec(server.out())![1];
    const res = await fetch(`${url}/capa/api/partner/v2/webhook-settings`, {
      headers: { 'partner-api-key': KEY },
    });
    expect(res.status).toBe(200);
    await waitFor(() => server.err().includes('webhook-settings'));
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    const banner = server.out().trim().split('\n');
    expect(banner[0]).toMatch(/^kyc-sandbox listening on /);
    expect(banner.filter((l) => l.startsWith('{'))).toEqual([]);
    const logs = server
      .err()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'GET /capa/api/partner/v2/webhook-settings', status: 200 }),
    );
  });

  it.each([
    [['--port', 'nope'], /port must be 0–65535/],
    [['--providers', 'acme'], /No provider "acme"/],
    [['--option', 'capa.linkTtl=forever'], /capa.linkTtl=forever is not a duration/],
  ])('exits 2 with a clear message for bad config %j', async (args, message) => {
    const run = runCli(args);
    expect(await run.exit).toBe(2);
    expect(run.err()).toMatch(message);
  });

  it('is started by the one command, bin/kyc-sandbox.cjs (a Node script): the package bin, npm start and the Dockerfile', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      bin: Record<string, string>;
      scripts: { start: string };
    };
    expect(pkg.bin).toEqual({ 'kyc-sandbox': 'bin/kyc-sandbox.cjs' });
    // One V8 flag, given the same way by each (npm's Windows shim reads the shebang's too).
    const flags = 'node --max-semi-space-size=8';
    expect(pkg.scripts.start).toMatch(
      /(^|&& )node --max-semi-space-size=8 bin\/kyc-sandbox\.cjs serve$/,
    );
    expect(readFileSync('Dockerfile', 'utf8')).toContain(
      'CMD ["node", "--max-semi-space-size=8", "bin/kyc-sandbox.cjs", "serve"]',
    );
    expect(readFileSync('bin/kyc-sandbox.cjs', 'utf8').split('\n')[0]).toBe(
      `#!/usr/bin/env -S ${flags}`,
    );
  });

  it('says when no sandbox answers an admin command', async () => {
    const run = runCli(['health', '--url', 'http://127.0.0.1:9']);
    expect(await run.exit).toBe(1);
    expect(run.err()).toContain('no sandbox answers at http://127.0.0.1:9');
  });
});
