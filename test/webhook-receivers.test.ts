// Receivers that misbehave, for every provider that sends webhooks: one that is down (500s until the
// schedule gives up), one that never answers, one that answers an endless body. The sandbox keeps
// answering its callers, reads at most 64 KiB of an answer, and records what happened.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderModule } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { call, testSandbox } from './helpers.js';
import { defaultTenantOf } from './provider-auth.js';

const senders = providers.filter((p) => p.webhooks);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

type Behaviour = 'down' | 'hang' | 'endless';

/** A receiver that behaves badly in one way; counts the requests it got. */
async function badReceiver(behaviour: Behaviour) {
  const held: ServerResponse[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    if (behaviour === 'hang') held.push(res);
    else if (behaviour === 'down') res.writeHead(500).end('receiver down');
    else {
      // An answer that never ends: chunks for as long as the other side reads.
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests: () => requests,
  };
}

async function sending(p: ProviderModule, behaviour: Behaviour) {
  const sb = testSandbox({ providers: [p] });
  closers.push(() => sb.close());
  const hook = await badReceiver(behaviour);
  // The tenant as the provider's requests name it (Faceki's fixture credential is id:secret).
  const tenant = await defaultTenantOf(p, sb);
  await sb.app.request('/_sandbox/webhooks/listeners', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: p.name, tenant, url: hook.url }),
  });
  const trigger = await sb.app.request('/_sandbox/webhooks/trigger', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: p.name, tenant, event: p.webhooks!.events[0] }),
  });
  expect(trigger.status).toBe(201);
  const forwarded = () =>
    sb.webhooks.list({ provider: p.name, tenant }).filter((d) => d.meta?.listener)[0]!;
  return { sb, hook, tenant, forwarded };
}

describe.each(senders.map((p) => [p.name, p] as const))('%s with a bad receiver', (_, p) => {
  it('retries a receiver that is down on its schedule, then marks the delivery failed', async () => {
    const { sb, tenant, forwarded } = await sending(p, 'down');
    await sb.webhooks.flush();
    const waits = forwarded().retries.reduce((a, b) => a + b, 0);
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: p.name, tenant, by: `${waits + 60_000}` },
    });
    const d = forwarded();
    expect([d.status, d.attempts.length]).toEqual(['failed', d.retries.length + 1]);
    expect(d.attempts.every((a) => a.status === 500 && a.responseBody === 'receiver down')).toBe(
      true,
    );
    expect((await call(sb, 'GET', '/_sandbox/health')).status).toBe(200);
  });

  it('keeps answering while a receiver hangs, and records the attempt cut short at close', async () => {
    const { sb, hook, forwarded } = await sending(p, 'hang');
    await expect.poll(() => hook.requests()).toBeGreaterThan(0);
    expect((await call(sb, 'GET', '/_sandbox/health')).status).toBe(200);
    await sb.close();
    expect(forwarded().status).toBe('pending');
    expect(forwarded().attempts[0]?.error).toMatch(/interrupted/);
  });

  it('reads at most 64 KiB of an endless answer and records it as truncated', async () => {
    const { sb, forwarded } = await sending(p, 'endless');
    await sb.webhooks.flush();
    const [attempt] = forwarded().attempts;
    expect([attempt.status, attempt.truncated, attempt.responseBody!.length]).toEqual([
      500,
      true,
      1024,
    ]);
  });
});
