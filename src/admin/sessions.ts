// GET /sessions, GET /sessions/:id, POST /sessions/:id/transition {state, reason}: steer a verification.
import { Hono } from 'hono';
import { SandboxError, type SessionView } from '../engine/index.js';
import type { Sandbox } from '../sandbox.js';
import { adminBody, query, tenantFilter } from './input.js';

export function findSession(sb: Sandbox, id: string) {
  for (const p of sb.providers) {
    if (!p.sessions) continue;
    const tenant = sb.store.ownerOf(p.name, id);
    if (tenant === undefined) continue;
    const kit = sb.kit(p.name, tenant);
    const row = kit.ns.get(p.sessions.collection, id);
    if (row) return { provider: p, adapter: p.sessions, kit, view: p.sessions.view(kit, row) };
  }
  return undefined;
}

export function listSessions(
  sb: Sandbox,
  filter: { provider?: string; tenant?: string; state?: string },
): SessionView[] {
  const out: SessionView[] = [];
  for (const p of sb.providers) {
    if (!p.sessions || (filter.provider && p.name !== filter.provider)) continue;
    for (const t of sb.store.tenants(p.name)) {
      if (filter.tenant !== undefined && t.tenant !== filter.tenant) continue;
      const kit = sb.kit(p.name, t.tenant);
      for (const row of kit.ns.list(p.sessions.collection)) {
        const v = p.sessions.view(kit, row);
        if (!filter.state || v.state === filter.state) out.push(v);
      }
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function sessionRoutes(sb: Sandbox) {
  const must = (id: string) => {
    const s = findSession(sb, id);
    if (!s)
      throw new SandboxError(
        404,
        'unknown_session',
        `No session ${id}`,
        'GET /_sandbox/sessions lists them',
      );
    return s;
  };
  return new Hono()
    .get('/sessions', (c) => {
      const q = query(c);
      return c.json(listSessions(sb, { ...tenantFilter(sb, q), state: q.state }));
    })
    .get('/sessions/:id', (c) => c.json(must(c.req.param('id')).view))
    .post('/sessions/:id/transition', async (c) => {
      const s = must(c.req.param('id'));
      const body = await adminBody(c);
      if (typeof body.state !== 'string') {
        throw new SandboxError(
          400,
          'state_required',
          '"state" names the vendor state to move to',
          `from ${s.view.state}: ${s.view.next.join(', ') || 'none (final)'}`,
        );
      }
      const view = s.adapter.transition(s.kit, s.view.id, body.state, {
        reason: typeof body.reason === 'string' ? body.reason : undefined,
        manual: true,
      });
      await sb.webhooks.flush();
      return c.json(view);
    });
}
