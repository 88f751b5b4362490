// POST /reset, GET /snapshot, GET /tenants: the state as a whole.
import { Hono } from 'hono';
import { inFilter } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, paged, query, tenantFilter } from './input.js';

export function stateRoutes(sb: Sandbox) {
  return new Hono()
    .post('/reset', async (c) => {
      const filter = tenantFilter(sb, await adminBody(c));
      sb.reset(filter);
      return c.json({ reset: filter.provider ? filter : 'all' });
    })
    .get('/snapshot', (c) => c.json(sb.snapshot(tenantFilter(sb, query(c)))))
    .get('/tenants', (c) => {
      const filter = tenantFilter(sb, query(c));
      return paged(
        c,
        sb.tenants(filter.provider).filter((t) => inFilter(filter, t)),
      );
    });
}
