// GET /scenarios; POST/GET/DELETE /faults: rules that make a tenant's next matching calls fail,
// or (with "webhook") its next matching deliveries misbehave.
import { Hono } from 'hono';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, query, shown, tenantFilter } from './input.js';

/** The rules the caller may delete: every rule for the operator, a tenant's own for a tenant. */
const ownRules = (sb: Sandbox) => {
  const caller = sb.caller();
  const rules = sb.faults.list(sb.filter({}));
  return caller.kind === 'operator' ? rules : rules.filter((r) => r.tenant === caller.ref.tenant);
};

const num = (v: unknown) => (v === undefined ? undefined : Number(v));

export function faultRoutes(sb: Sandbox) {
  return new Hono()
    .get('/scenarios', (c) => c.json(sb.faults.scenarios(tenantFilter(sb, query(c)).provider)))
    .get('/faults', (c) => c.json(sb.faults.list(tenantFilter(sb, query(c))).map(shown)))
    .post('/faults', async (c) => {
      const body = await adminBody(c);
      const { provider, tenant } = tenantFilter(sb, body);
      if (!provider)
        throw new SandboxError(
          400,
          'provider_required',
          'A fault rule names its provider',
          '"provider": "capa"',
        );
      const rule = sb.faults.add({
        provider,
        tenant,
        operation: body.operation === undefined ? null : String(body.operation),
        scenario: typeof body.scenario === 'string' ? body.scenario : null,
        status: body.status as number | undefined,
        latencyMs: num(body.latencyMs),
        times: num(body.times) ?? null,
        probability: num(body.probability),
        webhook: typeof body.webhook === 'string' ? body.webhook : null,
        event: typeof body.event === 'string' ? body.event : null,
      });
      return c.json(shown(rule), 201);
    })
    .delete('/faults/:id', (c) => {
      const id = c.req.param('id');
      if (!ownRules(sb).some((r) => r.id === id) || !sb.faults.delete(id))
        throw new SandboxError(
          404,
          'unknown_fault',
          `No fault rule ${c.req.param('id')}`,
          'GET /_sandbox/faults',
        );
      return c.body(null, 204);
    })
    .delete('/faults', (c) => {
      if (sb.caller().kind === 'operator') sb.faults.delete();
      else for (const r of ownRules(sb)) sb.faults.delete(r.id);
      return c.body(null, 204);
    });
}
