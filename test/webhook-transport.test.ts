// How webhook attempts go out (webhookPost): redirects not followed, and https receivers behind a
// private CA refused unless Node trusts it (NODE_EXTRA_CA_CERTS: test/dockerfile.test.ts starts the
// command with it and sees the deliveries arrive).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { capa, createLink, createUser, sessionIdOf } from '../src/providers/capa/testing.js';
import type { SandboxOptions } from '../src/sandbox/index.js';
import { call, RECEIVER_TLS, receiver, testSandbox } from './helpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Delivery {
  event: string;
  status: string;
  attempts: { status: number | null; error: string | null }[];
}

/** Registers a receiver for Capa and has a verification pass (CREATED_KYC, then VERIFIED_USER). */
async function verifyWithReceiver(opts: SandboxOptions, tls = true) {
  const hook = await receiver({ tls: tls ? RECEIVER_TLS : undefined });
  closers.push(hook.close);
  return { hook, ...(await verifyPosting(opts, hook.url)) };
}

async function verifyPosting(opts: SandboxOptions, url: string) {
  const sb = testSandbox(opts);
  expect(
    (await capa(sb, 'PUT', '/webhook-settings', { url, secret: 'a-partner-chosen-secret-123' }))
      .status,
  ).toBe(200);
  const userId = await createUser(sb);
  const link = (await createLink(sb, userId)).body.data.kycLink;
  await call(sb, 'POST', `/_sandbox/sessions/${sessionIdOf(link)}/transition`, {
    json: { state: 'VERIFIED' },
  });
  const deliveries = (await call(sb, 'GET', '/_sandbox/webhooks?provider=capa')).body as Delivery[];
  return { userId, deliveries };
}

describe('webhook attempts', () => {
  it('count a redirect as a failed attempt and do not follow it', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const redirecting = createServer((_req, res) =>
      res.writeHead(307, { location: hook.url }).end(),
    );
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => redirecting.close(() => r())));
    const { deliveries } = await verifyPosting(
      {},
      `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hooks`,
    );
    expect(hook.received).toEqual([]);
    for (const d of deliveries)
      expect(d.attempts.map((a) => [a.status, a.error])).toEqual([
        [307, null],
        [307, null],
      ]); // the first try and the immediate retry
  });
});

describe('webhooks to a receiver behind a private CA', () => {
  it('fail without the CA: Node does not trust the receiver’s certificate', async () => {
    const { hook, deliveries } = await verifyWithReceiver({});
    expect(hook.received).toEqual([]);
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries)
      expect(d.attempts[0]).toMatchObject({
        status: null,
        error: expect.stringMatching(/certificate/),
      });
  });

  it('leave plain http deliveries as they were', async () => {
    const { hook, deliveries } = await verifyWithReceiver({}, false);
    expect(hook.received).toHaveLength(2);
    expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });
});

describe('replays', () => {
  it('go to the URL registered now, a NOT_SENT delivery included once a URL is registered', async () => {
    const first = await receiver();
    const second = await receiver();
    closers.push(first.close, second.close);
    const sb = testSandbox();
    const userId = await createUser(sb);
    const link = (await createLink(sb, userId)).body.data.kycLink;
    await call(sb, 'POST', `/_sandbox/sessions/${sessionIdOf(link)}/transition`, {
      json: { state: 'VERIFIED' },
    });
    const [notSent] = sb.webhooks.list({ provider: 'capa' });
    expect(notSent!.status).toBe('not_sent');
    const refused = await call(sb, 'POST', `/_sandbox/webhooks/${notSent!.id}/replay`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'no_webhook_url']);
    await capa(sb, 'PUT', '/webhook-settings', { url: first.url });
    const replayed = await call(sb, 'POST', `/_sandbox/webhooks/${notSent!.id}/replay`);
    expect(replayed.body.status).toBe('delivered');
    await capa(sb, 'PUT', '/webhook-settings', { url: second.url });
    await call(sb, 'POST', `/_sandbox/webhooks/${notSent!.id}/replay`);
    expect([first.received.length, second.received.length]).toEqual([1, 1]);
    // Capa's own retry API follows the same rule.
    const retry = await capa(sb, 'POST', `/webhook-notifications/${notSent!.id}/retry`);
    expect(retry.status).toBe(200);
    expect(second.received).toHaveLength(2);
  });
});
