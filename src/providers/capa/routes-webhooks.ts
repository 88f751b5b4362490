// Webhook settings and the notification log with manual retry. PUT /webhook-settings is Capa's
// published operation ({url}, url nullable: null resets it); GET answers the same entity (a sandbox
// addition). The signing secret is never in a vendor response: the sandbox-only `secret` field sets
// it, and /_sandbox/providers/capa/webhook-settings reads it (admin.ts).
import { Hono, type Context } from 'hono';
import { reply, type Kit, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { validateBody } from './input.js';
import { saveWebhookSettings, webhookSettings } from './records.js';
import { envelope, NOTIFICATION_STATUS, notificationView, settingsView } from './views.js';

const MANUAL_RETRY_LIMIT = 3;
const STATUSES: readonly string[] = Object.values(NOTIFICATION_STATUS);

function deliveryFor(kit: Kit, id: string | undefined) {
  const d = id === undefined ? undefined : kit.webhooks.get(id);
  if (!d) throw fail('NOTIFICATION_NOT_FOUND');
  return d;
}

function putSettings(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = validateBody(c);
  const current = webhookSettings(kit);
  const next = saveWebhookSettings(kit, {
    ...current,
    url: (body.url as string | null) ?? null,
    secret: (body.secret as string | undefined) ?? current.secret,
    updatedAt: kit.iso(),
  });
  return reply(c, envelope(kit, 'success', settingsView(next)));
}

function listNotifications(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const status = c.req.query('status');
  if (status !== undefined && !STATUSES.includes(status)) {
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: { issues: [{ path: 'status', message: `must be one of ${STATUSES.join(', ')}` }] },
    });
  }
  const list = kit.webhooks
    .list()
    .map(notificationView)
    .filter((n) => !status || n.status === status);
  return reply(c, envelope(kit, 'success', list));
}

async function retryNotification(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const d = deliveryFor(kit, c.req.param('id'));
  // A retry goes to the URL registered now; without one there is nowhere to send it.
  if (!webhookSettings(kit).url) throw fail('NOTIFICATION_NOT_RETRYABLE');
  if (notificationView(d).manualRetryCount >= MANUAL_RETRY_LIMIT) throw fail('MANUAL_RETRY_LIMIT');
  return reply(c, envelope(kit, 'success', notificationView((await kit.webhooks.replay(d.id))!)));
}

export function capaWebhookRoutes() {
  return new Hono<ProviderEnv>()
    .get('/api/partner/v2/webhook-settings', (c) => {
      const kit = c.get('kit');
      return reply(c, envelope(kit, 'success', settingsView(webhookSettings(kit))));
    })
    .put('/api/partner/v2/webhook-settings', putSettings)
    .get('/api/partner/v2/webhook-notifications', listNotifications)
    .get('/api/partner/v2/webhook-notifications/:id', (c) => {
      const kit = c.get('kit');
      return reply(
        c,
        envelope(kit, 'success', notificationView(deliveryFor(kit, c.req.param('id')))),
      );
    })
    .post('/api/partner/v2/webhook-notifications/:id/retry', retryNotification);
}
