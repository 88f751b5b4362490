import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver } from '../../../test/helpers.js';
import { advance, createLink, move, sandbox, tokenFor, V2 } from './testing.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

type Sb = ReturnType<typeof sandbox>;

async function withReceiver(sb: Sb, failFirst = 0) {
  const hook = await receiver({ failFirst });
  closers.push(hook.close);
  const res = await call(sb, 'PUT', '/_sandbox/providers/faceki/webhook-setup', {
    json: { tenant: V2.clientId, url: hook.url },
  });
  expect(res.status).toBe(200);
  return hook;
}

async function linkIn(sb: Sb, ...states: string[]) {
  const { id } = await createLink(sb, await tokenFor(sb));
  for (const s of states) await move(sb, id, s);
  return id;
}

describe('Faceki webhooks', () => {
  it('posts the EKYC result {requestId, fullName, status, kycData} unsigned when a verification is decided', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const id = await linkIn(sb, 'ACCEPTED');
    expect(hook.received).toHaveLength(1);
    const body = JSON.parse(hook.received[0].body);
    expect(Object.keys(body)).toEqual(['requestId', 'fullName', 'status', 'kycData']);
    expect(body).toMatchObject({
      status: 'ACCEPTED',
      kycData: { link: id, decision: 'ACCEPTED', record_identifier: 'app-1' },
    });
    expect(body.fullName).toBe(body.kycData.document_data[0].full_name);
    expect(Object.keys(hook.received[0].headers).filter((h) => /signature|hmac/i.test(h))).toEqual(
      [],
    );
  });

  it('sends nothing on OPENED or SUBMITTED', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    await linkIn(sb, 'OPENED', 'SUBMITTED');
    expect(hook.received).toHaveLength(0);
  });

  it('sends REVIEW, then the "EKYC Update from Portal" shape (APPROVED, modifiedByEmail) when a reviewer accepts', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    await linkIn(sb, 'REVIEW', 'ACCEPTED');
    const [first, second] = hook.received.map((r) => JSON.parse(r.body));
    expect(first.status).toBe('REVIEW');
    expect(second).toEqual({
      requestId: first.requestId,
      fullName: first.fullName,
      status: 'APPROVED',
      modifiedByEmail: 'reviewer@sandbox.faceki.test',
    });
  });

  it('attempts at once, retries +1, +5, +30 minutes and +2 hours later on the tenant clock, then fails', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb, 100);
    await linkIn(sb, 'DECLINED');
    expect(hook.received).toHaveLength(1);
    for (const [by, total] of [
      ['59s', 1],
      ['1s', 2],
      ['5m', 3],
      ['30m', 4],
      ['1h59m', 4],
      ['1m', 5],
      ['1d', 5],
    ] as const) {
      await advance(sb, V2.clientId, by);
      expect(hook.received).toHaveLength(total);
    }
    const [delivery] = (await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body;
    expect(delivery).toMatchObject({ event: 'EKYC_RESULT', status: 'failed' });
    expect(delivery.attempts).toHaveLength(5);
  });

  it('stops retrying once the receiver answers 2xx', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb, 1);
    await linkIn(sb, 'ACCEPTED');
    await advance(sb, V2.clientId, '1m');
    await advance(sb, V2.clientId, '1d');
    expect(hook.received).toHaveLength(2);
    expect((await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body[0].status).toBe(
      'delivered',
    );
  });

  it('logs the delivery as not_sent when the client has no webhook URL', async () => {
    const sb = sandbox();
    await linkIn(sb, 'ACCEPTED');
    expect(
      (await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body.map(
        (d: { status: string }) => d.status,
      ),
    ).toEqual(['not_sent']);
  });

  it('shows and clears the webhook setup; refuses a bad URL or an unknown client', async () => {
    const sb = sandbox();
    await withReceiver(sb);
    expect(
      (await call(sb, 'GET', `/_sandbox/providers/faceki/webhook-setup?tenant=${V2.clientId}`)).body
        .url,
    ).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks$/);
    expect(
      (
        await call(sb, 'PUT', '/_sandbox/providers/faceki/webhook-setup', {
          json: { tenant: V2.clientId, url: null },
        })
      ).body.url,
    ).toBeNull();
    const bad = await call(sb, 'PUT', '/_sandbox/providers/faceki/webhook-setup', {
      json: { tenant: V2.clientId, url: 'ftp://x.example' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_url']);
    const unknown = await call(
      sb,
      'GET',
      '/_sandbox/providers/faceki/webhook-setup?tenant=live_client',
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_client']);
  });
});

describe('Faceki webhook triggers (POST /_sandbox/webhooks/trigger)', () => {
  const trigger = (sb: Sb, event: string, session?: string, tenant = V2.clientId) =>
    call(sb, 'POST', '/_sandbox/webhooks/trigger', {
      json: { provider: 'faceki', tenant, event, session },
    });

  it("sends a decided link's result or a reviewer's update about it, by link id or requestId", async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const id = await linkIn(sb, 'REVIEW');
    const [review] = hook.received.map((r) => JSON.parse(r.body));
    const update = await trigger(sb, 'EKYC_PORTAL_UPDATE', review.requestId);
    const again = await trigger(sb, 'EKYC_RESULT', id);
    expect([update.body.subject, again.body.subject]).toEqual([id, id]);
    const [, portal, result] = hook.received.map((r) => JSON.parse(r.body));
    expect(portal).toEqual({
      requestId: review.requestId,
      fullName: review.fullName,
      status: 'REVIEW',
      modifiedByEmail: 'reviewer@sandbox.faceki.test',
    });
    expect(result).toEqual(review);
  });

  it('makes an accepted link when no session is named, sending only the event asked for', async () => {
    const sb = sandbox();
    const hook = await withReceiver(sb);
    const sent = await trigger(sb, 'EKYC_RESULT');
    expect(hook.received.map((r) => JSON.parse(r.body).status)).toEqual(['ACCEPTED']);
    const session = await call(sb, 'GET', `/_sandbox/sessions/${sent.body.subject}`);
    expect(session.body).toMatchObject({ state: 'ACCEPTED' });
  });

  it('refuses an undecided link (409), an unknown session (404) and a tenant that is no client (404)', async () => {
    const sb = sandbox();
    const id = await linkIn(sb, 'OPENED');
    const refused = [
      await trigger(sb, 'EKYC_RESULT', id),
      await trigger(sb, 'EKYC_RESULT', 'nope'),
      await trigger(sb, 'EKYC_RESULT', undefined, 'live_client'),
    ];
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual([
      [409, 'not_decided'],
      [404, 'unknown_session'],
      [404, 'unknown_client'],
    ]);
  });
});
