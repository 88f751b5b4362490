// Webhook delivery never blocks a caller: decisions, transitions and clock moves answer while a
// receiver hangs, one tenant's hanging receiver does not slow another, and stopping the sandbox
// (close, SIGTERM) cuts attempts short and records them as interrupted.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLink,
  createUser,
  KEY,
  OTHER_KEY,
  sessionIdOf,
} from '../src/providers/capa/testing.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { testSandbox } from './helpers.js';
import { CLI } from './process.js';

/** A receiver that reads each request and never answers it. */
async function hangingReceiver() {
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    held,
    close() {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A raw in-process request: no waiting for webhooks, as a client sees it. */
const raw = async (sb: Sandbox, method: string, path: string, init: RequestInit = {}) =>
  sb.app.request(path, { method, ...init });

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function openLink(sb: Sandbox, key: string) {
  const link = (await createLink(sb, await createUser(sb, {}, key), {}, key)).body.data.kycLink;
  return { path: new URL(link).pathname, id: sessionIdOf(link) };
}

const decide = (sb: Sandbox, path: string, state: string) =>
  raw(sb, 'POST', path, { body: new URLSearchParams({ state }) });

async function timed<T>(run: () => Promise<T>) {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('webhook delivery in the background', () => {
  it("answers decisions, transitions and clock moves while a receiver hangs, and other tenants' as fast", async () => {
    const sb = testSandbox();
    const hook = await hangingReceiver();
    closers.push(hook.close, () => sb.close());
    const a = await openLink(sb, KEY);
    const a2 = await openLink(sb, KEY);
    const b = await openLink(sb, OTHER_KEY);
    const put = await raw(sb, 'PUT', '/capa/api/partner/v2/webhook-settings', {
      ...json({ url: hook.url }),
      headers: { 'content-type': 'application/json', 'partner-api-key': KEY },
    });
    expect(put.status).toBe(200);

    // A's page decision queues VERIFIED_USER to the hanging receiver; the page answers at once.
    const page = await timed(() => decide(sb, a.path, 'VERIFIED'));
    expect(page.value.status).toBe(200);
    const transition = await timed(() =>
      raw(sb, 'POST', `/_sandbox/sessions/${a2.id}/transition`, json({ state: 'REJECTED' })),
    );
    expect(transition.value.status).toBe(200);
    const clock = await timed(() =>
      raw(sb, 'POST', '/_sandbox/clock/advance', json({ provider: 'capa', tenant: KEY, by: '1d' })),
    );
    expect(clock.value.status).toBe(200);
    // B decides while A's attempts are held open by the receiver.
    await expect.poll(() => hook.held.length).toBeGreaterThan(0);
    const other = await timed(() => decide(sb, b.path, 'VERIFIED'));
    expect(other.value.status).toBe(200);
    // Each answered well inside one attempt's 5 s timeout: nobody waited for the receiver.
    for (const { ms } of [page, transition, clock, other]) expect(ms).toBeLessThan(1000);
    const pending = sb.webhooks.list({ provider: 'capa', tenant: KEY });
    expect(pending.some((d) => d.status === 'pending')).toBe(true);
  });

  it('cuts attempts in flight short on close and records them as interrupted, still pending', async () => {
    const sb = testSandbox();
    const hook = await hangingReceiver();
    closers.push(hook.close);
    const a = await openLink(sb, KEY);
    await raw(sb, 'PUT', '/capa/api/partner/v2/webhook-settings', {
      ...json({ url: hook.url }),
      headers: { 'content-type': 'application/json', 'partner-api-key': KEY },
    });
    await decide(sb, a.path, 'VERIFIED');
    await expect.poll(() => hook.held.length).toBeGreaterThan(0);
    const closed = await timed(() => sb.close());
    expect(closed.ms).toBeLessThan(1000);
    const [d] = sb.webhooks.list({ provider: 'capa', tenant: KEY });
    expect(d.status).toBe('pending');
    expect(d.attempts[0].error).toBe('interrupted: the sandbox stopped during the attempt');
  });

  it('exits within 2 s of SIGTERM while a receiver hangs', async () => {
    const hook = await hangingReceiver();
    closers.push(hook.close);
    const child = spawn(
      process.execPath,
      [...CLI, 'serve', '--port', '0', '--log-level', 'silent'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = once(child, 'exit');
    closers.push(async () => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await expect
      .poll(() => /http:\/\/127\.0\.0\.1:\d+/.exec(out), { timeout: 20_000 })
      .toBeTruthy();
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(out)![0];
    const headers = { 'partner-api-key': KEY, 'content-type': 'application/json' };
    await fetch(`${base}/capa/api/partner/v2/webhook-settings`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ url: hook.url }),
    });
    const user = await (
      await fetch(`${base}/capa/api/partner/v2/users`, {
        method: 'POST',
        headers,
        body: '{"type":"INDIVIDUAL","email":"term@example.com"}',
      })
    ).json();
    const link = await fetch(
      `${base}/capa/api/partner/v2/users/${user.data.userId}/kyc/verification-link`,
      { method: 'POST', headers, body: '{"country":"MX"}' },
    );
    expect(link.status).toBe(201);
    const page = await fetch((await link.json()).data.kycLink, {
      method: 'POST',
      body: new URLSearchParams({ state: 'VERIFIED' }),
    });
    expect(page.status).toBe(200);
    await expect.poll(() => hook.held.length, { timeout: 5000 }).toBeGreaterThan(0);
    const stopped = await timed(async () => {
      child.kill('SIGTERM');
      return (await exited)[0];
    });
    expect(stopped.value).toBe(0);
    expect(stopped.ms).toBeLessThan(2000);
  });
});
