// GET /clock, POST /clock/advance {by}, POST /clock/set {to}: move time, globally or for one tenant.
import { Hono } from 'hono';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox.js';
import { adminBody, durationOf, query, tenantFilter } from './input.js';

/** After a clock move: let each affected tenant apply what fell due, then deliver the webhooks. */
async function settle(sb: Sandbox, f: { provider?: string; tenant?: string }) {
  for (const p of sb.providers) {
    if (!p.settle || (f.provider && p.name !== f.provider)) continue;
    for (const t of sb.store.tenants(p.name))
      if (f.tenant === undefined || t.tenant === f.tenant) p.settle(sb.kit(p.name, t.tenant));
  }
  await sb.webhooks.flush();
}

export function clockRoutes(sb: Sandbox) {
  const keyOf = (f: { provider?: string; tenant?: string }) =>
    f.tenant === undefined ? undefined : sb.clockKey(f.provider!, f.tenant);
  const view = (key?: string) => ({
    now: new Date(sb.clock.now(key)).toISOString(),
    ...sb.clock.offsets(),
  });
  return new Hono()
    .get('/clock', (c) => c.json(view(keyOf(tenantFilter(sb, query(c))))))
    .post('/clock/advance', async (c) => {
      const body = await adminBody(c);
      const filter = tenantFilter(sb, body);
      const key = keyOf(filter);
      sb.clock.advance(durationOf(body.by, 'by'), key);
      await settle(sb, filter);
      return c.json(view(key));
    })
    .post('/clock/set', async (c) => {
      const body = await adminBody(c);
      const filter = tenantFilter(sb, body);
      const key = keyOf(filter);
      const to = typeof body.to === 'string' ? Date.parse(body.to) : NaN;
      if (Number.isNaN(to))
        throw new SandboxError(
          400,
          'bad_instant',
          '"to" must be an ISO 8601 instant',
          'e.g. "2030-01-01T00:00:00Z"',
        );
      if (to < sb.clock.now(key))
        throw new SandboxError(
          400,
          'clock_backwards',
          'The clock only moves forward',
          'reset the tenant to start over',
        );
      sb.clock.set(to, key);
      await settle(sb, filter);
      return c.json(view(key));
    });
}
