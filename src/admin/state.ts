// POST /reset, GET /snapshot, GET /tenants: the state as a whole.
import { Hono } from 'hono';
import { inFilter, maskSecrets, maskValue, secretSet } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, paged, query, shown, tenantFilter } from './input.js';

/**
 * The snapshot as the API shows it: each tenant named by its identifiable mask, and the values of
 * secret fields (webhook secrets, tokens, password hashes) masked; code gets the real one.
 */
function masked(sb: Sandbox, snapshot: ReturnType<Sandbox['snapshot']>) {
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, collections]) => {
      const at = key.indexOf(':');
      const provider = key.slice(0, at);
      const secrets = secretSet(sb.provider(provider).secrets);
      return [`${provider}:${maskValue(key.slice(at + 1))}`, maskSecrets(collections, secrets)];
    }),
  );
}

export function stateRoutes(sb: Sandbox) {
  return new Hono()
    .post('/reset', async (c) => {
      const filter = tenantFilter(sb, await adminBody(c));
      sb.reset(filter);
      return c.json({ reset: filter.provider ? shown(filter) : 'all' });
    })
    .get('/snapshot', (c) => c.json(masked(sb, sb.snapshot(tenantFilter(sb, query(c))))))
    .get('/tenants', (c) => {
      const filter = tenantFilter(sb, query(c));
      return paged(
        c,
        sb
          .tenants(filter.provider)
          .filter((t) => inFilter(filter, t))
          .map(shown),
      );
    });
}
