// Webhook settings (register the partner's URL and secret) and the notification log with manual
// retry. Capa names the settings operation but its path was not captured: the sandbox chose
// /api/partner/v2/webhook-settings (see README).
import { Hono } from 'hono';
import type { Delivery, Kit, ProviderEnv } from '../../engine/index.js';
import { partnerFor } from './auth.js';
import { fail } from './errors.js';
import { bodyFor } from './input.js';
import { envelope } from './envelope.js';
import { settingsOf, type WebhookSettings } from './webhooks.js';

const STATUS = {
  pending: 'PENDING',
  delivered: 'SENT',
  failed: 'FAILED',
  not_sent: 'NOT_SENT',
} as const;
const MANUAL_RETRY_LIMIT = 3;

function notification(d: Delivery) {
  const automatic = d.attempts.filter((a) => !a.manual);
  const lastFailure = [...d.attempts].reverse().find((a) => a.status === null || a.status >= 300);
  return {
    id: d.id,
    type: 'KYC',
    event: d.event,
    status: STATUS[d.status],
    url: d.url ?? null,
    payload: JSON.parse(d.body) as unknown,
    retryAttempts: Math.max(0, automatic.length - 1),
    manualRetryCount: d.attempts.length - automatic.length,
    latestErrorPayload: lastFailure
      ? { statusCode: lastFailure.status, error: lastFailure.error, body: lastFailure.responseBody }
      : null,
    createdAt: d.createdAt,
    updatedAt: d.attempts.at(-1)?.at ?? d.createdAt,
  };
}

function deliveryFor(kit: Kit, id: string) {
  const d = kit.webhooks.get(id);
  if (!d) throw fail('NOTIFICATION_NOT_FOUND');
  return d;
}

const settingsView = (s: WebhookSettings) => ({
  url: s.url,
  secret: s.secret,
  updatedAt: s.updatedAt,
});

export function webhookRoutes() {
  return new Hono<ProviderEnv>()
    .get('/api/partner/v2/webhook-settings', (c) => {
      partnerFor(c);
      const kit = c.get('kit');
      return c.json(envelope(kit, 'success', settingsView(settingsOf(kit))));
    })
    .put('/api/partner/v2/webhook-settings', (c) => {
      partnerFor(c);
      const kit = c.get('kit');
      const body = bodyFor(c, 'updateWebhookSettings');
      const current = settingsOf(kit);
      const next = kit.ns.put<WebhookSettings>('_settings', 'webhook', {
        url: body.url as string,
        secret: (body.secret as string | undefined) ?? current.secret,
        updatedAt: kit.iso(),
      });
      return c.json(envelope(kit, 'success', settingsView(next)));
    })
    .get('/api/partner/v2/webhook-notifications', (c) => {
      partnerFor(c);
      const kit = c.get('kit');
      const status = c.req.query('status');
      if (status !== undefined && !Object.values(STATUS).includes(status as never)) {
        throw fail('INVALID_USER_INPUT_ERROR', {
          details: {
            issues: [
              { path: 'status', message: `must be one of ${Object.values(STATUS).join(', ')}` },
            ],
          },
        });
      }
      const list = kit.webhooks
        .list()
        .map(notification)
        .filter((n) => !status || n.status === status);
      return c.json(envelope(kit, 'success', list));
    })
    .get('/api/partner/v2/webhook-notifications/:id', (c) => {
      partnerFor(c);
      return c.json(
        envelope(
          c.get('kit'),
          'success',
          notification(deliveryFor(c.get('kit'), c.req.param('id'))),
        ),
      );
    })
    .post('/api/partner/v2/webhook-notifications/:id/retry', async (c) => {
      partnerFor(c);
      const kit = c.get('kit');
      const d = deliveryFor(kit, c.req.param('id'));
      if (!d.url) throw fail('NOTIFICATION_NOT_RETRYABLE');
      if (notification(d).manualRetryCount >= MANUAL_RETRY_LIMIT) throw fail('MANUAL_RETRY_LIMIT');
      return c.json(envelope(kit, 'success', notification((await kit.webhooks.replay(d.id))!)));
    });
}
