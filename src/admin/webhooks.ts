// GET /webhooks (each delivery with its attempts), POST /webhooks/:id/replay.
import { Hono } from 'hono';
import { inFilter, SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { paged, query, shown, tenantFilter } from './input.js';

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
      // Newest first; the queue keeps creation order.
      .get('/webhooks', (c) =>
        paged(
          c,
          sb.webhooks
            .list(tenantFilter(sb, query(c)))
            .reverse()
            .map(shown),
        ),
      )
      .get('/webhooks/:id', (c) => c.json(shown(must(c.req.param('id')))))
      .post('/webhooks/:id/replay', async (c) =>
        c.json(shown(await sb.webhooks.replay(must(c.req.param('id')).id))),
      )
  );
}
