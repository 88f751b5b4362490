// The dashboard's form posts. Each one forwards to the admin API in-process, so a button does
// exactly what the matching /_sandbox call does (settling, webhooks, errors), then redirects back.
import { Hono, type Context } from 'hono';
import type { Sandbox } from '../sandbox.js';
import { filterOf, tenantOf } from './dashboard-data.js';
import { SessionsPage } from './dashboard-pages.js';
import { UI } from './layout.js';

export const NOTICES = {
  advanced: 'Clock advanced; whatever fell due was applied and its webhooks sent.',
  moved: 'Session moved; its webhooks were sent.',
  replayed: 'Webhook replayed.',
  reset: 'Tenant reset.',
  'reset-all': 'Everything reset.',
} as const;

type Notice = keyof typeof NOTICES;

// Only the dashboard's own pages with plain filter queries: the form's "back" is never an open redirect.
const BACK =
  /^\/_sandbox\/ui(\/(webhooks|journal|scenarios))?(\?(provider=[a-z0-9-]+)?&?(t=[0-9a-f]{8})?)?$/;

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

async function forward(sb: Sandbox, path: string, body: Record<string, unknown>) {
  const res = await sb.app.request(`/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.ok) return { status: res.status };
  const json = (await res.json().catch(() => null)) as {
    error?: { message?: string; hint?: string };
  } | null;
  const e = json?.error;
  return {
    status: res.status,
    error: e?.message
      ? `${e.message}${e.hint ? ` (${e.hint})` : ''}`
      : `The admin API answered ${res.status}`,
  };
}

export function dashboardActions(sb: Sandbox) {
  const actions = new Hono();

  /** Back to the page the form was on, with a fixed notice; or that page (the main one) with the error. */
  const done = async (
    c: Context,
    form: Record<string, unknown>,
    result: { status: number; error?: string },
    notice: Notice,
  ) => {
    const raw = field(form, 'back');
    const back = BACK.test(raw) ? raw : UI;
    if (!result.error)
      return c.redirect(`${back}${back.includes('?') ? '&' : '?'}notice=${notice}`, 303);
    const status = (result.status >= 400 && result.status < 500 ? result.status : 400) as 400;
    return c.html(
      <SessionsPage sb={sb} filter={filterOf(sb, {})} back={UI} error={result.error} />,
      status,
    );
  };

  /** A tenant handle to the admin API's {provider, tenant}; "*" is every tenant. */
  const target = (handle: string) => (handle === '*' ? {} : tenantOf(sb, handle));

  actions.post('/clock/advance', async (c) => {
    const form = await c.req.parseBody();
    const t = target(field(form, 'tenant'));
    if (!t)
      return done(
        c,
        form,
        { status: 404, error: 'No such tenant (it may have been reset).' },
        'advanced',
      );
    return done(
      c,
      form,
      await forward(sb, '/clock/advance', { ...t, by: field(form, 'by') }),
      'advanced',
    );
  });

  actions.post('/reset', async (c) => {
    const form = await c.req.parseBody();
    const handle = field(form, 'tenant');
    const t = target(handle);
    if (!t)
      return done(
        c,
        form,
        { status: 404, error: 'No such tenant (it may have been reset).' },
        'reset',
      );
    return done(c, form, await forward(sb, '/reset', t), handle === '*' ? 'reset-all' : 'reset');
  });

  actions.post('/sessions/:id/transition', async (c) => {
    const form = await c.req.parseBody();
    const reason = field(form, 'reason').trim().slice(0, 200);
    const body = { state: field(form, 'state'), ...(reason ? { reason } : {}) };
    return done(
      c,
      form,
      await forward(sb, `/sessions/${encodeURIComponent(c.req.param('id'))}/transition`, body),
      'moved',
    );
  });

  actions.post('/webhooks/:id/replay', async (c) => {
    const form = await c.req.parseBody();
    return done(
      c,
      form,
      await forward(sb, `/webhooks/${encodeURIComponent(c.req.param('id'))}/replay`, {}),
      'replayed',
    );
  });

  return actions;
}
