// GET /scenarios; POST/GET/DELETE /faults: rules that make a tenant's next matching calls fail.
import { Hono } from 'hono';
import { resolveScenario, SandboxError, scenarioForStatus } from '../engine/index.js';
import type { Sandbox } from '../sandbox.js';
import { adminBody, query, tenantFilter } from './input.js';

export function faultRoutes(sb: Sandbox) {
  return new Hono()
    .get('/scenarios', (c) => c.json(sb.scenarios(tenantFilter(sb, query(c)).provider)))
    .get('/faults', (c) => c.json(sb.faults.list(tenantFilter(sb, query(c)))))
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
      const p = sb.provider(provider);
      const operation = body.operation === undefined ? null : String(body.operation);
      if (operation !== null && !sb.contracts.get(provider)!.byId(operation)) {
        const ids = sb.contracts.get(provider)!.operations.map((o) => o.id);
        throw new SandboxError(
          400,
          'unknown_operation',
          `${provider} has no operation "${operation}"`,
          `operations: ${ids.join(', ')}`,
        );
      }
      let scenario = typeof body.scenario === 'string' ? body.scenario : null;
      if (body.status !== undefined) {
        if (scenario)
          throw new SandboxError(
            400,
            'scenario_or_status',
            'Give a scenario or a status, not both',
          );
        if (!Number.isInteger(body.status))
          throw new SandboxError(400, 'bad_status', '"status" must be an HTTP status number');
        scenario = scenarioForStatus(p, body.status as number);
      }
      if (scenario) resolveScenario(p, scenario);
      const latencyMs = body.latencyMs === undefined ? 0 : Number(body.latencyMs);
      if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000)
        throw new SandboxError(400, 'bad_latency', '"latencyMs" must be 0–60000');
      if (!scenario && !latencyMs)
        throw new SandboxError(
          400,
          'empty_fault',
          'A fault rule needs a scenario, a status or latencyMs',
          'GET /_sandbox/scenarios lists scenarios',
        );
      const times = body.times === undefined ? null : Number(body.times);
      if (times !== null && (!Number.isInteger(times) || times < 1))
        throw new SandboxError(
          400,
          'bad_times',
          '"times" must be a whole number ≥ 1 (omit it for "until deleted")',
        );
      const probability = body.probability === undefined ? 1 : Number(body.probability);
      if (!(probability > 0 && probability <= 1))
        throw new SandboxError(400, 'bad_probability', '"probability" must be in (0, 1]');
      const rule = sb.faults.add({
        provider,
        tenant: tenant ?? null,
        operation,
        scenario,
        latencyMs,
        times,
        probability,
      });
      return c.json(rule, 201);
    })
    .delete('/faults/:id', (c) => {
      if (!sb.faults.delete(c.req.param('id')))
        throw new SandboxError(
          404,
          'unknown_fault',
          `No fault rule ${c.req.param('id')}`,
          'GET /_sandbox/faults',
        );
      return c.body(null, 204);
    })
    .delete('/faults', (c) => {
      sb.faults.delete();
      return c.body(null, 204);
    });
}
