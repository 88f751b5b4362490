// GET /sessions, GET /sessions/:id, POST /sessions/:id/transition {state, reason}: steer a verification.
import { Hono } from 'hono';
import { inFilter, SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { adminBody, paged, query, shown, tenantFilter } from './input.js';

export function sessionRoutes(sb: Sandbox) {
  const must = (id: string) => {
    const s = sb.sessions.find(id);
    if (!s || !inFilter(sb.filter({}), s.kit))
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
      return paged(c, sb.sessions.list({ ...tenantFilter(sb, q), state: q.state }).map(shown));
    })
    .get('/sessions/:id', (c) => c.json(shown(must(c.req.param('id')).view)))
    .post('/sessions/:id/transition', async (c) => {
      const s = must(c.req.param('id'));
      const body = await adminBody(c);
      if (typeof body.state !== 'string') {
        const next = s.view.next.join(', ') || 'none (final)';
        throw new SandboxError(
          400,
          'state_required',
          '"state" names the vendor state to move to',
          `from ${s.view.state}: ${next}`,
        );
      }
      const reason = typeof body.reason === 'string' ? body.reason : undefined;
      return c.json(
        shown(await sb.sessions.transition(s.view.id, body.state, { reason, manual: true })),
      );
    });
}
