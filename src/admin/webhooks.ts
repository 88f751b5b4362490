// GET /webhooks (each delivery with its attempts), POST /webhooks/:id/replay; a tenant's receiver
// secret, triggers of one documented event, and listeners (`kyc-sandbox listen`).
import { Hono } from 'hono';
import {
  defaultTenant,
  inFilter,
  SandboxError,
  type Delivery,
  type TenantRef,
} from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, paged, query, shown, tenantFilter } from './input.js';

/** The one tenant a call names: its provider, and its credential or the provider's first fixture one. */
function tenantNamed(sb: Sandbox, src: Record<string, unknown>): TenantRef {
  const f = tenantFilter(sb, src);
  if (!f.provider)
    throw new SandboxError(400, 'provider_required', 'Name the provider', '"provider": "kulipa"');
  const tenant = f.tenant ?? defaultTenant(sb.provider(f.provider));
  if (!tenant)
    throw new SandboxError(
      400,
      'tenant_required',
      'Name the tenant',
      '"tenant": "<its credential>"',
    );
  return { provider: f.provider, tenant };
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Triggers, the receiver's secret and listeners. */
function receiverRoutes(sb: Sandbox) {
  return new Hono()
    .get('/webhooks/verification', (c) =>
      c.json({ verification: sb.webhooks.verification(tenantNamed(sb, query(c))) }),
    )
    .post('/webhooks/trigger', async (c) => {
      const body = await adminBody(c);
      const event = text(body.event);
      if (!event)
        throw new SandboxError(400, 'event_required', 'Name the event', '"event": "kyc.verified"');
      const d = sb.webhooks.trigger(tenantNamed(sb, body), event, text(body.session));
      return c.json(view(d), 201);
    })
    .post('/webhooks/listeners', async (c) => {
      const body = await adminBody(c);
      const url = text(body.url);
      if (!url || !/^https?:\/\/[^\s/]+/.test(url))
        throw new SandboxError(
          400,
          'bad_url',
          '"url" must be an http(s) URL',
          '"url": "http://127.0.0.1:3000/hooks"',
        );
      const ref = tenantNamed(sb, body);
      const listener = sb.webhooks.listen(ref, url);
      return c.json({ ...shown(listener), verification: sb.webhooks.verification(ref) }, 201);
    })
    .get('/webhooks/listeners/:id/deliveries', (c) =>
      c.json(sb.webhooks.listened(c.req.param('id'), sb.filter({})).map(view)),
    )
    .delete('/webhooks/listeners/:id', (c) => {
      sb.webhooks.unlisten(c.req.param('id'), sb.filter({}));
      return c.body(null, 204);
    });
}

/** A delivery as the admin API shows it: its key masked, every instant ISO 8601 (the queue keeps epoch ms). */
const view = (d: Delivery) =>
  shown({
    ...d,
    nextAttemptAt: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt).toISOString(),
  });

export function webhookRoutes(sb: Sandbox) {
  const must = (id: string) => {
    const d = sb.webhooks.get(id);
    if (!d || !inFilter(sb.filter({}), d))
      throw new SandboxError(
        404,
        'unknown_webhook',
        `No webhook delivery ${id}`,
        'GET /_sandbox/webhooks',
      );
    return d;
  };
  return (
    new Hono()
      .route('/', receiverRoutes(sb))
      // Newest first; the queue keeps creation order.
      .get('/webhooks', (c) =>
        paged(
          c,
          sb.webhooks
            .list(tenantFilter(sb, query(c)))
            .reverse()
            .map(view),
        ),
      )
      .get('/webhooks/:id', (c) => c.json(view(must(c.req.param('id')))))
      .post('/webhooks/:id/replay', async (c) =>
        c.json(view(await sb.webhooks.replay(must(c.req.param('id')).id))),
      )
  );
}
