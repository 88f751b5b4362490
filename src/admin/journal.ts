// GET /journal?provider=&tenant=&operation=&limit=: what clients sent and what they got.
import { Hono } from 'hono';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { query, tenantFilter } from './input.js';

export function journalRoutes(sb: Sandbox) {
  return new Hono().get('/journal', (c) => {
    const q = query(c);
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new SandboxError(400, 'bad_limit', '"limit" must be 1–1000');
    return c.json(sb.journal({ ...tenantFilter(sb, q), operation: q.operation, limit }));
  });
}
