// Limits on everything the sandbox reads, and admin input it refuses: bodies over the limit are
// refused as soon as the limit is passed (chunked or declared, vendor, admin and page routes),
// clock moves past a representable date, scenario names that are not the catalogue's own, bodies
// nested deeper than any vendor's, and receiver answers of any size.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { KEY, capa, createUser, sessionIdOf } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

/** A POST over a real socket whose body is streamed in chunks (no content-length) until `bytes`. */
function streamedPost(
  url: string,
  path: string,
  bytes: number,
  headers: Record<string, string> = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('body limits on a listening sandbox', () => {
  it('answers a chunked vendor body over the limit with the vendor 413, storing nothing', async () => {
    const sb = testSandbox({ bodyLimit: 1024 });
    const { url } = await sb.listen(0);
    const res = await streamedPost(url, '/capa/api/partner/v2/users', 8 * 1024 * 1024, {
      'partner-api-key': KEY,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(sb.snapshot({ provider: 'capa' })).toEqual({});
  });

  it('refuses admin and page bodies over the limit, chunked or declared, with a sandbox 413', async () => {
    const sb = testSandbox({ bodyLimit: 1024 });
    const { url } = await sb.listen(0);
    for (const path of [
      '/_sandbox/faults',
      '/_sandbox/reset',
      '/verify/capa/x',
      '/_sandbox/ui/reset',
    ]) {
      const res = await streamedPost(url, path, 4 * 1024 * 1024);
      expect(res.status, path).toBe(413);
      expect(JSON.parse(res.body).error).toMatchObject({
        type: 'sandbox_error',
        code: 'body_too_large',
      });
    }
    const declared = await call(sb, 'POST', '/_sandbox/faults', {
      body: 'x'.repeat(2048),
      headers: { 'content-length': '2048' },
    });
    expect(declared.status).toBe(413);
  });
});

describe('admin input', () => {
  it('refuses a clock move past the last representable instant and keeps the clock working', async () => {
    const sb = testSandbox();
    for (const by of ['99999999d', 1e308, 8.64e15]) {
      const res = await call(sb, 'POST', '/_sandbox/clock/advance', { json: { by } });
      expect(res.status, String(by)).toBe(400);
      expect(res.body.error.code).toBe('clock_out_of_range');
    }
    const set = await call(sb, 'POST', '/_sandbox/clock/set', {
      json: { to: '+275760-09-14T00:00:00Z' },
    });
    expect(set.status).toBe(400);
    expect((await call(sb, 'GET', '/_sandbox/health')).body.now).toBe('2025-01-01T00:00:00.000Z');
    expect((await call(sb, 'POST', '/_sandbox/clock/advance', { json: { by: '1d' } })).status).toBe(
      200,
    );
  });

  it("matches scenario names only against the catalogue's own keys", async () => {
    const sb = testSandbox();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'a@b.co' }, KEY, {
        'x-sandbox-scenario': name,
      });
      expect(res.status, name).toBe(400);
      expect(res.body.error.code).toBe('unknown_scenario');
      const rule = await call(sb, 'POST', '/_sandbox/faults', {
        json: { provider: 'capa', scenario: name },
      });
      expect(rule.status, name).toBe(400);
    }
    expect((await call(sb, 'GET', '/_sandbox/faults')).body).toEqual([]);
  });
});

describe('request bodies nested deeper than any vendor body', () => {
  it("get the vendor's 400 and store nothing; the snapshot still answers", async () => {
    const sb = testSandbox();
    // Written as text: JSON.stringify itself would overflow the test's stack at this depth.
    const deep = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const body = `{"type":"INDIVIDUAL","email":"deep@b.co","alias":${deep}}`;
    const res = await call(sb, 'POST', '/capa/api/partner/v2/users', {
      body,
      headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_USER_INPUT_ERROR');
    expect(sb.snapshot({ provider: 'capa' })).toEqual({});
    expect((await call(sb, 'GET', '/_sandbox/snapshot')).status).toBe(200);
    expect((await call(sb, 'GET', '/_sandbox/journal')).status).toBe(200);
  });
});

describe('webhook receiver answers', () => {
  it('are read up to a cap and recorded as truncated', async () => {
    const huge = 'e'.repeat(4 * 1024 * 1024);
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end(huge);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const sb = testSandbox({ clock: { mode: 'real' } });
      await capa(sb, 'PUT', '/webhook-settings', { url: `http://127.0.0.1:${port}/hook` });
      const userId = await createUser(sb);
      const link = await capa(sb, 'POST', `/users/${userId}/kyc/verification-link`, {
        country: 'MX',
      });
      const session = sessionIdOf(link.body.data.kycLink);
      await call(sb, 'POST', `/_sandbox/sessions/${session}/transition`, {
        json: { state: 'VERIFIED' },
      });
      await sb.webhooks.flush();
      const [delivery] = sb.webhooks.list({ provider: 'capa' });
      const attempt = delivery!.attempts[0]!;
      expect(attempt).toMatchObject({ status: 500, truncated: true });
      expect(attempt.responseBody!.length).toBe(1024);
    } finally {
      server.close();
    }
  });
});
