// GET /state/export and POST /state/import: a tenant's or the whole sandbox's state as one JSON
// document, to move it between backends (kyc-sandbox export / import). Not masked: the document
// carries webhook secrets and credentials, as a backend does; a tenant credential reaches its own.
import { Hono } from 'hono';
import type { Sandbox, StateDump } from '../sandbox/types.js';
import { adminBody, query, tenantFilter } from './input.js';

export function stateDumpRoutes(sb: Sandbox) {
  return new Hono()
    .get('/state/export', (c) => c.json(sb.exportState(tenantFilter(sb, query(c)))))
    .post('/state/import', async (c) => {
      const dump = (await adminBody(c)) as unknown as StateDump;
      // A tenant credential imports its own tenant only.
      for (const t of dump?.tenants ?? [])
        tenantFilter(sb, { provider: t.provider, tenant: t.tenant });
      // The clock and fault rules of the whole sandbox are the operator's.
      const own = sb.caller().kind === 'operator' ? dump : { ...dump, global: undefined };
      return c.json(sb.importState(own));
    });
}
