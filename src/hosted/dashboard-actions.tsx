// The dashboard's form posts. Each calls the same sandbox service the matching /_sandbox call does
// (settling, webhooks, refusals), then redirects back to the page the form was on.
import { Hono, type Context } from 'hono';
import { durationOf, SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { filterOf, tenantOf } from './dashboard-data.js';
import { SessionsPage } from './dashboard-pages.js';
import { csrfMatches, CsrfToken } from './csrf.js';
import { redirectTo, rooted, UI } from './layout.js';

export const NOTICES = {
  advanced: 'Clock advanced; whatever fell due was applied and its webhooks sent.',
  moved: 'Session moved; its webhooks were sent.',
  replayed: 'Webhook replayed.',
  triggered: 'Event sent; see it under Webhooks.',
  reset: 'Tenant reset.',
  'reset-all': 'Everything reset.',
  'fault-added': 'Fault rule added: the next matching calls answer with its scenario.',
  'fault-deleted': 'Fault rule deleted.',
} as const;

type Notice = keyof typeof NOTICES;

// Only the dashboard's own pages with plain filter queries: the form's "back" is never an open redirect.
const BACK =
  /^\/_sandbox\/ui(\/(webhooks|journal|scenarios))?(\?(provider=[a-z0-9-]+)?&?(t=[0-9a-f]{8})?)?$/;

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

const NO_TENANT = new SandboxError(
  404,
  'unknown_tenant',
  'No such tenant (it may have been reset).',
);

type Form = Record<string, unknown>;

/** Runs an action; back to the form's page with a notice, or the main page with the refusal. */
async function act(sb: Sandbox, c: Context, notice: (form: Form) => Promise<Notice>) {
  const form = await c.req.parseBody();
  if (!csrfMatches(c, form))
    return c.text(
      'This form has no valid CSRF token: reload the dashboard page and try again',
      403,
    );
  try {
    const done = await notice(form);
    const raw = field(form, 'back');
    const back = BACK.test(raw) ? raw : UI;
    return redirectTo(c, `${back}${back.includes('?') ? '&' : '?'}notice=${done}`);
  } catch (err) {
    if (!(err instanceof SandboxError)) throw err;
    const error = `${err.message}${err.hint ? ` (${err.hint})` : ''}`;
    const status = (err.status >= 400 && err.status < 500 ? err.status : 400) as 400;
    return c.html(
      rooted(
        c,
        <CsrfToken.Provider value={String(form.csrf)}>
          <SessionsPage sb={sb} filter={filterOf(sb, {})} back={UI} error={error} />
        </CsrfToken.Provider>,
      ),
      status,
    );
  }
}

/** A tenant handle; "*" is every tenant. */
function target(sb: Sandbox, handle: string) {
  if (handle === '*') return undefined;
  const t = tenantOf(sb, handle);
  if (!t) throw NO_TENANT;
  return { provider: t.provider, tenant: t.tenant };
}

async function advanceClock(sb: Sandbox, form: Form): Promise<Notice> {
  const ref = target(sb, field(form, 'tenant'));
  await sb.time.advance(durationOf(field(form, 'by'), 'by'), ref);
  return 'advanced';
}

async function reset(sb: Sandbox, form: Form): Promise<Notice> {
  const ref = target(sb, field(form, 'tenant'));
  sb.reset(ref);
  return ref ? 'reset' : 'reset-all';
}

async function moveSession(sb: Sandbox, id: string, form: Form): Promise<Notice> {
  const reason = field(form, 'reason').trim().slice(0, 200) || undefined;
  await sb.sessions.transition(id, field(form, 'state'), { reason, manual: true });
  return 'moved';
}

async function replayWebhook(sb: Sandbox, id: string): Promise<Notice> {
  await sb.webhooks.replay(id);
  return 'replayed';
}

/** A fault rule from the scenario page: the same validation as POST /_sandbox/faults. */
async function addFault(sb: Sandbox, form: Form): Promise<Notice> {
  const ref = target(sb, field(form, 'tenant') || '*');
  const times = field(form, 'times').trim();
  const webhook = field(form, 'webhook');
  const arg = field(form, 'arg').trim();
  sb.faults.add({
    webhook: webhook ? `${webhook}${arg ? `=${arg}` : ''}` : null,
    event: field(form, 'event') || null,
    provider: ref?.provider ?? field(form, 'provider'),
    tenant: ref?.tenant ?? null,
    operation: field(form, 'operation').trim() || null,
    scenario: field(form, 'scenario') || null,
    times: times ? Number(times) : null,
  });
  return 'fault-added';
}

/** One documented event about a session, sent now (the same as POST /_sandbox/webhooks/trigger). */
async function triggerEvent(sb: Sandbox, id: string, form: Form): Promise<Notice> {
  const found = sb.sessions.find(id);
  if (!found) throw new SandboxError(404, 'unknown_session', `No session ${id}`);
  sb.webhooks.trigger(found.kit, field(form, 'event'), id);
  return 'triggered';
}

async function deleteFault(sb: Sandbox, id: string): Promise<Notice> {
  if (!sb.faults.delete(id)) throw new SandboxError(404, 'unknown_fault', `No fault rule ${id}`);
  return 'fault-deleted';
}

export function dashboardActions(sb: Sandbox) {
  const actions = new Hono();
  actions.post('/clock/advance', (c) => act(sb, c, (form) => advanceClock(sb, form)));
  actions.post('/reset', (c) => act(sb, c, (form) => reset(sb, form)));
  actions.post('/sessions/:id/transition', (c) =>
    act(sb, c, (form) => moveSession(sb, c.req.param('id')!, form)),
  );
  actions.post('/webhooks/:id/replay', (c) =>
    act(sb, c, () => replayWebhook(sb, c.req.param('id')!)),
  );
  actions.post('/faults', (c) => act(sb, c, (form) => addFault(sb, form)));
  actions.post('/sessions/:id/trigger', (c) =>
    act(sb, c, (form) => triggerEvent(sb, c.req.param('id')!, form)),
  );
  actions.post('/faults/:id/delete', (c) => act(sb, c, () => deleteFault(sb, c.req.param('id')!)));
  return actions;
}
