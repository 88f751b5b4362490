// GET /clock, POST /clock/advance {by}, POST /clock/set {to}: move time, globally or for one tenant.
import { Hono } from 'hono';
import { SandboxError, type TenantRef } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, durationOf, query, shownKey, tenantFilter, tenantOf } from './input.js';

/** The clock offsets with each tenant's key masked. */
const offsetsShown = (o: { global: number; tenants: Record<string, number> }) => ({
  global: o.global,
  tenants: Object.fromEntries(Object.entries(o.tenants).map(([k, v]) => [shownKey(k), v])),
});

export function clockRoutes(sb: Sandbox) {
  const view = (ref?: TenantRef) => ({
    now: new Date(sb.time.now(ref)).toISOString(),
    ...offsetsShown(sb.time.offsets()),
  });
  return new Hono()
    .get('/clock', (c) => c.json(view(tenantOf(tenantFilter(sb, query(c))))))
    .post('/clock/advance', async (c) => {
      const body = await adminBody(c);
      const ref = tenantOf(tenantFilter(sb, body));
      await sb.time.advance(durationOf(body.by, 'by'), ref);
      return c.json(view(ref));
    })
    .post('/clock/set', async (c) => {
      const body = await adminBody(c);
      const ref = tenantOf(tenantFilter(sb, body));
      const to = typeof body.to === 'string' ? Date.parse(body.to) : NaN;
      if (Number.isNaN(to))
        throw new SandboxError(
          400,
          'bad_instant',
          '"to" must be an ISO 8601 instant',
          'e.g. "2030-01-01T00:00:00Z"',
        );
      await sb.time.set(to, ref);
      return c.json(view(ref));
    });
}
