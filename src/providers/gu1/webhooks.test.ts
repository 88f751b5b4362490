// Behaviour of gu1's signed KYC webhooks and the organization's webhook settings.
import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  advance,
  createEntity,
  createValidation,
  getValidation,
  move,
  ORG,
  sandbox,
  started,
} from './testing.js';
import { verifyGu1 } from './webhooks.js';

const SECRET = 'whsec_gu1_org1_sandbox_secret_0001';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function hook(
  sb: Sandbox,
  opts: { failFirst?: number; events?: string[]; org?: boolean } = {},
) {
  const r = await receiver({ failFirst: opts.failFirst });
  closers.push(r.close);
  if (opts.org !== false) {
    const res = await call(sb, 'PUT', `/_sandbox/providers/gu1/organizations/${ORG}/webhook`, {
      json: { url: r.url, ...(opts.events ? { events: opts.events } : {}) },
    });
    expect(res.status).toBe(200);
  }
  return r;
}

type Envelope = {
  event: string;
  timestamp: string;
  organizationId: string;
  payload: Record<string, unknown>;
};
const bodies = (r: Awaited<ReturnType<typeof hook>>) =>
  r.received.map((x) => JSON.parse(x.body) as Envelope);
const events = (r: Awaited<ReturnType<typeof hook>>) =>
  bodies(r)
    .map((b) => b.event)
    .sort();

describe('gu1 webhooks', () => {
  it('sends created, in_progress and approved for a sandbox test taxId, in the documented envelope', async () => {
    const sb = sandbox();
    const r = await hook(sb);
    const entityId = await createEntity(sb, { taxId: '99990001', name: 'Ana Pérez' });
    const id = (await createValidation(sb, entityId)).body.id;
    await advance(sb, '30s');
    await getValidation(sb, id);
    await sb.webhooks.flush();
    expect(events(r)).toEqual([
      'kyc.validation_approved',
      'kyc.validation_created',
      'kyc.validation_in_progress',
    ]);
    const approved = bodies(r).find((b) => b.event === 'kyc.validation_approved')!;
    expect(approved).toMatchObject({
      timestamp: '2025-01-01T00:00:30.000Z',
      organizationId: ORG,
      payload: {
        id,
        validationId: id,
        entityId,
        status: 'approved',
        decision: { status: 'Approved' },
      },
    });
    expect(approved.payload.entity).toMatchObject({
      id: entityId,
      name: 'Ana Pérez',
      kycVerified: true,
      kycData: { validationId: id, status: 'approved' },
    });
    const created = bodies(r).find((b) => b.event === 'kyc.validation_created')!;
    expect(created).toMatchObject({
      timestamp: '2025-01-01T00:00:00.000Z',
      payload: { status: 'pending' },
    });
    expect(created.payload).not.toHaveProperty('entity');
  });

  it("signs each body with the organization's secret: hex HMAC-SHA256 in X-Webhook-Signature", async () => {
    const sb = sandbox();
    const r = await hook(sb);
    const { id } = await started(sb);
    await move(sb, id, 'cancelled');
    expect(r.received).toHaveLength(2);
    // The receiver kit's check (the package exports it), with the fixture organization's secret.
    const secret = { scheme: 'HMAC-SHA256', headers: [], secret: SECRET };
    for (const x of r.received) {
      expect(String(x.headers['x-webhook-signature'])).toMatch(/^[0-9a-f]{64}$/);
      expect(verifyGu1(x, secret)).toBe(true);
      expect(verifyGu1(x, { ...secret, secret: 'whsec_another' })).toBe(false);
    }
  });

  it.each([
    [['in_progress', 'rejected'], 'kyc.validation_rejected', true],
    [['in_progress', 'in_review'], 'kyc.validation_in_review', false],
    [['in_progress', 'abandoned'], 'kyc.validation_abandoned', false],
    [['cancelled'], 'kyc.validation_cancelled', false],
  ])(
    'sends %j as %s (entity row only for approved and rejected)',
    async (path, event, withEntity) => {
      const sb = sandbox();
      const r = await hook(sb);
      const { id } = await started(sb);
      for (const s of path) await move(sb, id, s);
      const last = bodies(r).find((b) => b.event === event)!;
      expect(last.payload.status).toBe(path.at(-1));
      expect('entity' in last.payload).toBe(withEntity);
    },
  );

  it('sends kyc.validation_expired once, as soon as the clock passes the expiry', async () => {
    const sb = sandbox();
    const r = await hook(sb);
    const { id } = await started(sb);
    await advance(sb, '7d');
    expect(events(r)).toEqual(['kyc.validation_created', 'kyc.validation_expired']);
    await getValidation(sb, id);
    await getValidation(sb, id);
    await sb.webhooks.flush();
    expect(events(r)).toEqual(['kyc.validation_created', 'kyc.validation_expired']);
    expect(bodies(r)[1]).toMatchObject({
      timestamp: '2025-01-08T00:00:00.000Z',
      payload: { status: 'expired' },
    });
  });

  it("sends every event of a validation to its own webhookUrl instead of the organization's", async () => {
    const sb = sandbox();
    const org = await hook(sb);
    const own = await hook(sb, { org: false });
    const entityId = await createEntity(sb);
    const id = (await createValidation(sb, entityId, { webhookUrl: own.url })).body.id;
    await move(sb, id, 'cancelled');
    expect(events(own)).toEqual(['kyc.validation_cancelled', 'kyc.validation_created']);
    expect(org.received).toEqual([]);
  });

  it("sends only the events the organization's webhook subscribes to", async () => {
    const sb = sandbox();
    const r = await hook(sb, { events: ['kyc.validation_approved'] });
    const { id } = await started(sb);
    await move(sb, id, 'in_progress');
    await move(sb, id, 'approved');
    expect(events(r)).toEqual(['kyc.validation_approved']);
  });

  it('retries at once, then +1 min, +5 min, +30 min and +2 h on the tenant clock, then marks failed', async () => {
    const sb = sandbox();
    const r = await hook(sb, { failFirst: 100 });
    await started(sb);
    await sb.webhooks.flush();
    expect(r.received).toHaveLength(1);
    for (const [by, total] of [
      ['59s', 1],
      ['1s', 2],
      ['5m', 3],
      ['30m', 4],
      ['2h', 5],
      ['1d', 5],
    ] as const) {
      await advance(sb, by);
      expect(r.received).toHaveLength(total);
    }
    const [d] = (await call(sb, 'GET', '/_sandbox/webhooks?provider=gu1')).body;
    expect(d).toMatchObject({ event: 'kyc.validation_created', status: 'failed' });
    expect(d.attempts).toHaveLength(5);
  });

  it('sends {type, data} instead of {event, payload} with webhookEnvelope=type-data', async () => {
    const sb = sandbox({ options: { gu1: { webhookEnvelope: 'type-data' } } });
    const r = await hook(sb);
    const { id } = await started(sb);
    await move(sb, id, 'cancelled');
    const body = JSON.parse(r.received[1].body) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body).sort()).toEqual(['data', 'organizationId', 'timestamp', 'type']);
    expect(body).toMatchObject({
      type: 'kyc.validation_cancelled',
      data: { id, validationId: id, status: 'cancelled' },
    });
  });

  it('logs deliveries as not_sent when the organization has no webhook URL', async () => {
    const sb = sandbox();
    await started(sb);
    const deliveries = (await call(sb, 'GET', '/_sandbox/webhooks?provider=gu1')).body;
    expect(deliveries).toMatchObject([{ event: 'kyc.validation_created', status: 'not_sent' }]);
  });
});

describe('gu1 webhook settings (dashboard, as a sandbox admin route)', () => {
  const path = `/_sandbox/providers/gu1/organizations/${ORG}/webhook`;

  it("shows the fixture organization's secret and subscriptions", async () => {
    const res = await call(sandbox(), 'GET', path);
    expect(res.body).toEqual({
      success: true,
      webhook: {
        organizationId: ORG,
        name: 'Sandbox Org One',
        environment: 'sandbox',
        url: null,
        secret: SECRET,
        events: ['kyc.*'],
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    });
  });

  it('generates a secret for a self-service organization and lets the operator replace it', async () => {
    const sb = sandbox();
    const mine = '/_sandbox/providers/gu1/organizations/org_ci_job_9/webhook';
    expect((await call(sb, 'GET', mine)).body.webhook.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const res = await call(sb, 'PUT', mine, {
      json: { url: 'https://hooks.example/gu1', secret: 'my-own-secret-123456' },
    });
    expect(res.body.webhook).toMatchObject({
      url: 'https://hooks.example/gu1',
      secret: 'my-own-secret-123456',
    });
  });

  it.each([
    [{ url: 'ftp://x.example' }, 'bad_url'],
    [{ secret: 'short' }, 'bad_secret'],
    [{ events: ['entity.created'] }, 'bad_events'],
  ])('refuses %j with a sandbox 400', async (body, code) => {
    const res = await call(sandbox(), 'PUT', path, { json: body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'sandbox_error', code });
  });

  it('refuses an organization id that is not one', async () => {
    expect(
      (await call(sandbox(), 'GET', '/_sandbox/providers/gu1/organizations/x y/webhook')).status,
    ).toBe(400);
  });
});

describe('gu1 webhook triggers (POST /_sandbox/webhooks/trigger)', () => {
  const trigger = (sb: Sandbox, event: string, session?: string) =>
    call(sb, 'POST', '/_sandbox/webhooks/trigger', {
      json: { provider: 'gu1', tenant: ORG, event, session },
    });

  it("sends one event about a validation, or an entity's latest, showing the event's status", async () => {
    const sb = sandbox();
    const { entityId, id } = await started(sb);
    const r = await hook(sb);
    const byId = await trigger(sb, 'kyc.validation_approved', id);
    const byEntity = await trigger(sb, 'kyc.validation_in_review', entityId);
    expect([byId.status, byId.body.subject, byEntity.body.subject]).toEqual([201, id, id]);
    expect(bodies(r).map((b) => [b.event, b.payload.id, b.payload.status])).toEqual([
      ['kyc.validation_approved', id, 'approved'],
      ['kyc.validation_in_review', id, 'in_review'],
    ]);
    // The stored validation has not moved.
    expect((await getValidation(sb, id)).body.status).toBe('pending');
  });

  it('makes a pending validation for a new person when no session is named, sending nothing else', async () => {
    const sb = sandbox();
    const r = await hook(sb);
    const sent = await trigger(sb, 'kyc.validation_created');
    expect(events(r)).toEqual(['kyc.validation_created']);
    expect((await getValidation(sb, sent.body.subject)).body).toMatchObject({ status: 'pending' });
  });

  it('answers 404 for a session the organization does not hold, 409 for an unsubscribed event', async () => {
    const sb = sandbox();
    expect((await trigger(sb, 'kyc.validation_created', 'nope')).status).toBe(404);
    await hook(sb, { events: ['kyc.validation_approved'] });
    const refused = await trigger(sb, 'kyc.validation_created');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'not_subscribed']);
    expect((await call(sb, 'GET', '/_sandbox/sessions?provider=gu1')).body).toEqual([]);
  });
});
