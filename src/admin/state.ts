// POST /reset, GET /snapshot, GET /tenants: the state as a whole.
import { Hono } from 'hono';
import type { Sandbox } from '../sandbox.js';
import { adminBody, query, tenantFilter } from './input.js';

export function stateRoutes(sb: Sandbox) {
  return new Hono()
    .post('/reset', async (c) => {
      const filter = tenantFilter(sb, await adminBody(c));
      sb.reset(filter);
      return c.json({ reset: filter.provider ? filter : 'all' });
    })
    .get('/snapshot', (c) => c.json(sb.store.snapshot(tenantFilter(sb, query(c)))))
    .get('/tenants', (c) => {
      const { provider } = tenantFilter(sb, query(c));
      return c.json(
        sb.store
          .tenants(provider)
          .map((t) => ({
            ...t,
            now: new Date(sb.clock.now(sb.clockKey(t.provider, t.tenant))).toISOString(),
          })),
      );
    });
}
