// Capa webhooks: payloads, signature, retry schedule, notification log and manual retries.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import { capa, createLink, createUser, expectError, KEY, sessionIdOf } from './testing.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function withReceiver(sb: Sandbox, failFirst = 0, secret = 'a-partner-chosen-secret-123') {
  const hook = await receiver({ failFirst });
  closers.push(hook.close);
  const res = await capa(sb, 'PUT', '/webhook-settings', { url: hook.url, secret });
  expect(res.status).toBe(200);
  return { hook, secret };
}

async function verify(sb: Sandbox, state = 'VERIFIED') {
  const userId = await createUser(sb, { externalUserId: 'ext-42' });
  const link = (await createLink(sb, userId)).body.data.kycLink;
  await call(sb, 'POST', `/_sandbox/sessions/${sessionIdOf(link)}/transition`, { json: { state } });
  return userId;
}

const advance = (sb: Sandbox, by: string) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'capa', tenant: KEY, by } });

describe('Capa webhooks', () => {
  it('delivers CREATED_KYC then VERIFIED_USER, signed so the documented HMAC recipe verifies them', async () => {
    const sb = testSandbox();
    const { hook, secret } = await withReceiver(sb);
    const userId = await verify(sb);
    // Deliveries run concurrently, as a vendor's do: compare without relying on arrival order.
    expect(
      hook.received.map((r) => JSON.parse(r.body)).sort((a, b) => a.event.localeCompare(b.event)),
    ).toEqual([
      { type: 'KYC', event: 'CREATED_KYC', externalUserId: 'ext-42', userId },
      { type: 'KYC', event: 'VERIFIED_USER', externalUserId: 'ext-42', userId },
    ]);
    for (const r of hook.received) {
      const expected = createHmac('sha256', secret).update(r.body).digest('hex');
      expect(
        timingSafeEqual(Buffer.from(String(r.headers['capa-signature'])), Buffer.from(expected)),
      ).toBe(true);
    }
  });

  it.each([
    ['REJECTED', 'REJECTED_KYC'],
    ['REVIEW_NEEDED', 'REVIEW_NEEDED_KYC'],
  ])('sends %s as %s', async (state, event) => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb);
    await verify(sb, state);
    expect(hook.received.map((r) => JSON.parse(r.body).event).sort()).toEqual(
      ['CREATED_KYC', event].sort(),
    );
  });

  it('retries at once, then +1, +5, +10, +15 minutes on the tenant clock, then marks FAILED', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb, 100);
    await verify(sb);
    const attempts = () =>
      hook.received.filter((r) => JSON.parse(r.body).event === 'VERIFIED_USER').length;
    expect(attempts()).toBe(2); // first attempt and the immediate retry
    await advance(sb, '59s');
    expect(attempts()).toBe(2);
    for (const [by, total] of [
      ['1s', 3],
      ['5m', 4],
      ['10m', 5],
      ['15m', 6],
      ['1h', 6],
    ] as const) {
      await advance(sb, by);
      expect(attempts()).toBe(total);
    }
    const log = (await capa(sb, 'GET', '/webhook-notifications?status=FAILED')).body.data;
    expect(log.map((n: { event: string }) => n.event).sort()).toEqual([
      'CREATED_KYC',
      'VERIFIED_USER',
    ]);
    expect(log[0]).toMatchObject({
      status: 'FAILED',
      retryAttempts: 5,
      manualRetryCount: 0,
      latestErrorPayload: { statusCode: 500, body: 'receiver down' },
    });
  });

  it('stops retrying once the receiver recovers and marks the notification SENT', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb, 3);
    await verify(sb);
    await advance(sb, '1m');
    const log = (await capa(sb, 'GET', '/webhook-notifications')).body.data;
    expect(log.every((n: { status: string }) => n.status === 'SENT')).toBe(true);
    expect(hook.received).toHaveLength(5);
  });

  it('retries a failed notification by hand, at most 3 times', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb, 100);
    await verify(sb);
    await advance(sb, '2h');
    const [n] = (await capa(sb, 'GET', '/webhook-notifications?status=FAILED')).body.data;
    for (let i = 1; i <= 3; i++) {
      const res = await capa(sb, 'POST', `/webhook-notifications/${n.id}/retry`);
      expect(res.body.data.manualRetryCount).toBe(i);
    }
    expectError(
      await capa(sb, 'POST', `/webhook-notifications/${n.id}/retry`),
      400,
      'BAD_REQUEST',
      'Manual retry limit of 3 reached for this notification',
    );
    hook.setFailures(0);
    expect((await capa(sb, 'GET', `/webhook-notifications/${n.id}`)).body.data.status).toBe(
      'FAILED',
    );
  });

  it('logs NOT_SENT when no URL is registered, and refuses to retry it', async () => {
    const sb = testSandbox();
    await verify(sb);
    const log = (await capa(sb, 'GET', '/webhook-notifications')).body.data;
    expect(log.map((n: { status: string }) => n.status)).toEqual(['NOT_SENT', 'NOT_SENT']);
    expectError(
      await capa(sb, 'POST', `/webhook-notifications/${log[0].id}/retry`),
      400,
      'BAD_REQUEST',
      'Notification was not sent: no webhook URL was configured',
    );
  });

  it('answers 404 "Webhook notification not found" for an unknown notification', async () => {
    expectError(
      await capa(testSandbox(), 'GET', '/webhook-notifications/nope'),
      404,
      'NOT_FOUND',
      'Webhook notification not found',
    );
  });

  it('shows every delivery with its attempts in the admin API and replays one', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb, 4); // both deliveries fail their first attempt and the immediate retry
    await verify(sb);
    const deliveries = (await call(sb, 'GET', '/_sandbox/webhooks?provider=capa')).body;
    const created = deliveries.find((d: { event: string }) => d.event === 'CREATED_KYC');
    expect(created.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500]);
    const replay = await call(sb, 'POST', `/_sandbox/webhooks/${created.id}/replay`);
    expect(replay.body.status).toBe('delivered');
    expect(hook.received).toHaveLength(5);
  });

  it('rejects a webhook URL that is not http(s) with 400 INVALID_USER_INPUT_ERROR', async () => {
    expectError(
      await capa(testSandbox(), 'PUT', '/webhook-settings', { url: 'ftp://x.example' }),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('answers PUT with the settings entity of the published OpenAPI, never the secret', async () => {
    const sb = testSandbox();
    const res = await capa(sb, 'PUT', '/webhook-settings', {
      url: 'https://partner.example/hooks',
      secret: 'a-partner-chosen-secret-123',
    });
    expect(res.body).toEqual({
      success: true,
      data: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        partnerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        url: 'https://partner.example/hooks',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    });
    expect((await capa(sb, 'GET', '/webhook-settings')).body).toEqual(res.body);
  });

  it('resets the URL with url: null, keeping the entity, and logs later events NOT_SENT', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb);
    const before = (await capa(sb, 'GET', '/webhook-settings')).body.data;
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'capa', tenant: KEY, by: '1m' },
    });
    const res = await capa(sb, 'PUT', '/webhook-settings', { url: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      ...before,
      url: null,
      updatedAt: expect.not.stringMatching(before.updatedAt),
    });
    await verify(sb);
    expect(hook.received).toHaveLength(0);
    const log = (await capa(sb, 'GET', '/webhook-notifications')).body.data;
    expect(log.map((n: { status: string }) => n.status)).toEqual(['NOT_SENT', 'NOT_SENT']);
  });

  it('answers 400 INVALID_USER_INPUT_ERROR for a body without url', async () => {
    expectError(
      await capa(testSandbox(), 'PUT', '/webhook-settings', {}),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('shows and sets the signing secret through /_sandbox/providers/capa/webhook-settings', async () => {
    const sb = testSandbox();
    const { hook } = await withReceiver(sb);
    const shown = await call(sb, 'GET', `/_sandbox/providers/capa/webhook-settings?tenant=${KEY}`);
    expect(shown.body).toMatchObject({ tenant: KEY, secret: 'a-partner-chosen-secret-123' });
    const set = await call(sb, 'PUT', '/_sandbox/providers/capa/webhook-settings', {
      json: { tenant: KEY, secret: 'rotated-secret-0123456789' },
    });
    expect(set.body.secret).toBe('rotated-secret-0123456789');
    await verify(sb);
    for (const r of hook.received)
      expect(r.headers['capa-signature']).toBe(
        createHmac('sha256', 'rotated-secret-0123456789').update(r.body).digest('hex'),
      );
  });

  it('makes a secret for a partner that never set one, and refuses a bad admin call', async () => {
    const sb = testSandbox();
    const fresh = await call(sb, 'GET', `/_sandbox/providers/capa/webhook-settings?tenant=${KEY}`);
    expect(fresh.body.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const unknown = await call(
      sb,
      'GET',
      '/_sandbox/providers/capa/webhook-settings?tenant=nobody',
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_partner']);
    const short = await call(sb, 'PUT', '/_sandbox/providers/capa/webhook-settings', {
      json: { tenant: KEY, secret: 'short' },
    });
    expect([short.status, short.body.error.code]).toEqual([400, 'bad_secret']);
  });
});
