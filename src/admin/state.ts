// POST /reset, GET /snapshot, GET /tenants: the state as a whole.
import { Hono } from 'hono';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, query, tenantFilter } from './input.js';

export function stateRoutes(sb: Sandbox) {
  return new Hono()
    .post('/reset', async (c) => {
      const filter = tenantFilter(sb, await adminBody(c));
      sb.reset(filter);
      return c.json({ reset: filter.provider ? filter : 'all' });
    })
    .get('/snapshot', (c) => c.json(sb.snapshot(tenantFilter(sb, query(c)))))
    .get('/tenants', (c) => c.json(sb.tenants(tenantFilter(sb, query(c)).provider)));
}
