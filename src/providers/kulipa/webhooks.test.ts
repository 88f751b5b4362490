import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver, type Received } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  activeUser,
  advance,
  createUser,
  expectError,
  KEY,
  kulipa,
  move,
  OTHER_KEY,
  sandbox,
  setStatus,
  startKyc,
} from './testing.js';
import { verifyKulipa } from './webhooks.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function withReceiver(sb: Sandbox, failFirst = 0) {
  const hook = await receiver({ failFirst });
  closers.push(hook.close);
  const res = await kulipa(sb, 'PUT', '/webhooks', { url: hook.url });
  expect(res.status).toBe(200);
  return hook;
}

const events = (hook: { received: Received[] }) => hook.received.map((r) => JSON.parse(r.body));
const names = (hook: { received: Received[] }) =>
  events(hook)
    .map((e) => e.eventName ?? e.type)
    .sort();

/**
 * What a client does: fetch the key x-kulipa-key-id names, then the receiver kit's check (the one
 * the package exports), at `now` on the tenant's clock (by default, the time of the call).
 */
async function verifyAsClient(sb: Sandbox, r: Received, now?: number) {
  const keyId = String(r.headers['x-kulipa-key-id']);
  const key = await kulipa(sb, 'GET', `/webhooks/keys/${keyId}`);
  expect(key.status).toBe(200);
  expect(key.body.algorithm).toBe('ECDSA_SHA_256');
  const secret = { scheme: 'ECDSA', headers: [], publicKey: key.body.publicKey, keyId };
  return verifyKulipa(r, secret, now ?? sb.time.now({ provider: 'kulipa', tenant: KEY }));
}

describe('Kulipa webhooks', () => {
  it('registers a URL with PUT /v1/webhooks and reports the signing key id', async () => {
    const sb = sandbox();
    const before = await kulipa(sb, 'GET', '/webhooks');
    expect(before.body).toEqual({
      url: null,
      keyId: expect.stringMatching(/^dwk-[0-9a-f-]{36}$/),
      updatedAt: null,
    });
    const res = await kulipa(sb, 'PUT', '/webhooks', { url: 'https://wallet.example/hooks' });
    expect(res.body).toEqual({
      url: 'https://wallet.example/hooks',
      keyId: before.body.keyId,
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it.each([
    ['a missing url', {}, 'url is required'],
    ['an ftp url', { url: 'ftp://x.example' }, 'url must match pattern "^https?://"'],
    ['a URL with a space', { url: 'https://wallet example/hooks' }, 'url must match format "uri"'],
  ])('answers 400 for %s', async (_what, body, message) => {
    expectError(
      await kulipa(sandbox(), 'PUT', '/webhooks', body),
      400,
      'validation_error',
      message,
    );
  });

  it('delivers kyc.submitted, kyc.verified and user.activated, each verifiable with the published key', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const { userId, kycId } = await activeUser(sb);
    expect(names(hook)).toEqual(['kyc.submitted', 'kyc.verified', 'user.activated']);
    const byName = Object.fromEntries(events(hook).map((e) => [e.eventName, e]));
    expect(byName['kyc.verified']).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventName: 'kyc.verified',
      eventTargetId: kycId,
      userId,
    });
    expect(byName['user.activated']).toMatchObject({ eventTargetId: userId, userId });
    for (const r of hook.received) {
      expect(r.headers['x-kulipa-signature-ts']).toBe(String(Date.parse('2025-01-01T00:00:00Z')));
      expect(String(r.headers['x-kulipa-key-id'])).toHaveLength(40);
      expect(String(r.headers['x-kulipa-signature'])).toMatch(/^30[0-9a-f]+$/); // DER SEQUENCE, hex
      expect(await verifyAsClient(sb, r)).toBe(true);
    }
  });

  it('signs the timestamp too: a replayed body with another timestamp does not verify', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    await activeUser(sb);
    const r = hook.received[0];
    const forged = {
      ...r,
      headers: {
        ...r.headers,
        'x-kulipa-signature-ts': String(Number(r.headers['x-kulipa-signature-ts']) + 1),
      },
    };
    expect(await verifyAsClient(sb, forged)).toBe(false);
  });

  it('sends kyc.declined for a declined KYC', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    await move(sb, await startKyc(sb, await createUser(sb)), 'declined');
    expect(names(hook)).toEqual(['kyc.declined', 'kyc.submitted']);
  });

  it('sends user.frozen when an operator freezes a user', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const userId = await createUser(sb);
    await setStatus(sb, userId, 'frozen');
    await sb.webhooks.flush();
    expect(events(hook)).toEqual([
      { eventId: expect.any(String), eventName: 'user.frozen', eventTargetId: userId, userId },
    ]);
  });

  it('sends the {id, type, data, createdAt, updatedAt} body with webhookBody=envelope', async () => {
    const sb = sandbox({ options: { kulipa: { webhookBody: 'envelope' } } });
    const hook = await withReceiver(sb);
    const { kycId } = await activeUser(sb);
    expect(events(hook).find((e) => e.type === 'kyc.submitted').data).toMatchObject({
      id: kycId,
      status: 'submitted',
    });
    const verified = events(hook).find((e) => e.type === 'kyc.verified');
    expect(verified).toMatchObject({
      id: expect.any(String),
      type: 'kyc.verified',
      data: { id: kycId, status: 'verified' },
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    for (const r of hook.received) expect(await verifyAsClient(sb, r)).toBe(true);
  });

  it('signs r||s (64 bytes, 128 hex characters) with signatureEncoding=p1363, the docs’ "length 64"', async () => {
    const sb = sandbox({ options: { kulipa: { signatureEncoding: 'p1363' } } });
    const hook = await withReceiver(sb);
    await activeUser(sb);
    expect(hook.received.length).toBeGreaterThan(0);
    for (const r of hook.received) {
      expect(String(r.headers['x-kulipa-signature'])).toMatch(/^[0-9a-f]{128}$/);
      // The receiver kit takes both encodings: 128 hex characters can only be r||s.
      expect(await verifyAsClient(sb, r)).toBe(true);
    }
  });

  it('retries at once, then after 1, 5, 30 and 120 minutes on the tenant clock, then gives up', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb, 100);
    await setStatus(sb, await createUser(sb), 'frozen');
    await sb.webhooks.flush();
    expect(hook.received).toHaveLength(1);
    for (const [by, total] of [
      ['59s', 1],
      ['1s', 2],
      ['5m', 3],
      ['30m', 4],
      ['2h', 5],
      ['1d', 5],
    ] as const) {
      await advance(sb, by);
      expect(hook.received).toHaveLength(total);
    }
    const [d] = (await call(sb, 'GET', `/_sandbox/webhooks?provider=kulipa&tenant=${KEY}`)).body;
    expect(d).toMatchObject({ event: 'user.frozen', status: 'failed' });
    // Each attempt is signed with its own timestamp, and each verifies.
    expect(new Set(hook.received.map((r) => r.headers['x-kulipa-signature-ts'])).size).toBe(5);
    for (const r of hook.received) {
      const at = Number(r.headers['x-kulipa-signature-ts']);
      // Fresh when it arrived; the same request a day later is refused as a replay.
      expect(await verifyAsClient(sb, r, at)).toBe(true);
      expect(await verifyAsClient(sb, r, at + 5 * 60_000 + 1)).toBe(false);
    }
  });

  it('breaks each flaw the way a client must refuse it, keeping the served key id', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const served = (await kulipa(sb, 'GET', '/webhooks')).body.keyId;
    const now = Date.parse('2025-01-01T00:00:00Z');
    for (const webhook of ['stale_timestamp', 'wrong_key', 'bad_signature']) {
      const rule = { provider: 'kulipa', tenant: KEY, webhook, times: 1 };
      expect((await call(sb, 'POST', '/_sandbox/faults', { json: rule })).status).toBe(201);
      await setStatus(sb, await createUser(sb), 'frozen');
      await sb.webhooks.flush();
    }
    const [stale, wrongKey, bad] = hook.received;
    expect(hook.received.map((r) => r.headers['x-kulipa-key-id'])).toEqual([
      served,
      served,
      served,
    ]);
    expect(stale.headers['x-kulipa-signature-ts']).toBe(String(now - 3_600_000));
    // Correctly signed: an hour ago it would have verified.
    expect(await verifyAsClient(sb, stale)).toBe(false);
    expect(await verifyAsClient(sb, stale, now - 3_600_000)).toBe(true);
    expect(wrongKey.headers['x-kulipa-signature-ts']).toBe(String(now));
    expect(await verifyAsClient(sb, wrongKey)).toBe(false);
    expect(String(bad.headers['x-kulipa-signature'])).toMatch(/^30[0-9a-f]+$/);
    expect(await verifyAsClient(sb, bad)).toBe(false);
  });

  it('logs events as not sent when no URL is registered', async () => {
    const sb = sandbox();
    await activeUser(sb);
    const list = (await call(sb, 'GET', `/_sandbox/webhooks?provider=kulipa&tenant=${KEY}`)).body;
    expect(list.map((d: { status: string }) => d.status)).toEqual([
      'not_sent',
      'not_sent',
      'not_sent',
    ]);
  });
});

describe('Kulipa webhook keys (GET /v1/webhooks/keys/{keyId})', () => {
  it('serves {id, algorithm, publicKey (PEM), createdAt, updatedAt}', async () => {
    const sb = sandbox();
    const keyId = (await kulipa(sb, 'GET', '/webhooks')).body.keyId;
    const res = await kulipa(sb, 'GET', `/webhooks/keys/${keyId}`);
    expect(res.body).toEqual({
      id: keyId,
      algorithm: 'ECDSA_SHA_256',
      publicKey: expect.stringMatching(
        /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/,
      ),
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE');
  });

  it('answers 404 for a key id this tenant does not sign with, and 400 for a malformed one', async () => {
    const sb = sandbox();
    const otherKeyId = (await kulipa(sb, 'GET', '/webhooks', undefined, OTHER_KEY)).body.keyId;
    expectError(
      await kulipa(sb, 'GET', `/webhooks/keys/${otherKeyId}`),
      404,
      'not_found_error',
      'Webhook key not found',
    );
    expectError(
      await kulipa(sb, 'GET', '/webhooks/keys/dwk-1'),
      400,
      'validation_error',
      "keyId must be 'dwk-' followed by a UUID",
    );
  });

  it('keeps one key per tenant, the same for the same seed, another for another seed or tenant', async () => {
    const keyOf = async (seed: string, key = KEY) => {
      const sb = sandbox({ seed });
      const id = (await kulipa(sb, 'GET', '/webhooks', undefined, key)).body.keyId;
      return (await kulipa(sb, 'GET', `/webhooks/keys/${id}`, undefined, key)).body.publicKey;
    };
    const a = await keyOf('k1');
    expect(await keyOf('k1')).toBe(a);
    expect(await keyOf('k2')).not.toBe(a);
    expect(await keyOf('k1', OTHER_KEY)).not.toBe(a);
  });
});
