// GET /journal?provider=&tenant=&operation=&limit=: what clients sent and what they got.
import { Hono } from 'hono';
import type { Sandbox } from '../sandbox/types.js';
import { paged, query, shown, tenantFilter } from './input.js';

export function journalRoutes(sb: Sandbox) {
  return new Hono().get('/journal', (c) => {
    const q = query(c);
    return paged(c, sb.journal({ ...tenantFilter(sb, q), operation: q.operation }).map(shown));
  });
}
