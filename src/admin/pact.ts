// GET /pact/states[?provider=p]: the Pact provider-state catalogue of the mounted providers.
import { Hono } from 'hono';
import { stateCatalogue } from '../pact/catalogue.js';
import type { Sandbox } from '../sandbox/types.js';
import { query, tenantFilter } from './input.js';

export function pactRoutes(sb: Sandbox) {
  return new Hono().get('/pact/states', (c) =>
    c.json(stateCatalogue(sb.providers, tenantFilter(sb, query(c)).provider)),
  );
}
