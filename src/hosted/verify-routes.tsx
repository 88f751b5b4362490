// /verify/:provider/:id — the page every verification link opens. GET shows the step the person
// reached; POST …/next walks the steps; POST … (state, reason) decides; POST …/leave goes back
// undecided. Works without JavaScript: plain forms and redirects (post, then redirect, then get).
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { SandboxError, type HostedStep } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import {
  flowOf,
  forgetProgress,
  identityOf,
  lookup,
  openOutcomes,
  optionsOf,
  pathOf,
  progressOf,
  saveProgress,
  stepsOf,
  type Found,
} from './flow.js';
import { at, Root, rootOf } from './layout.js';
import { csp, formTargetOf, safeRedirect } from './security.js';
import { ClosedPage, DonePage, NotFoundPage } from './vendor-page-closed.js';
import { StepPage } from './vendor-page.js';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

type Status = 200 | 400 | 404 | 409 | 410;
type Live = { s: Found; res?: undefined } | { s?: undefined; res: Response | Promise<Response> };

const schemesOf = (s: Found) => flowOf(s).redirectSchemes ?? ['https'];

/** Renders with a CSP whose form-action also admits the one redirect a decision may follow. */
function page(c: Context, s: Found | undefined, body: JSX.Element, status: Status = 200) {
  const stored = s?.view.redirectUri ?? null;
  c.header(
    'content-security-policy',
    csp(s ? formTargetOf(safeRedirect(stored, stored, schemesOf(s))) : []),
  );
  return c.html(<Root.Provider value={rootOf(c.req.path)}>{body}</Root.Provider>, status);
}

/** The step screen: `requested` (a Back link) only up to the step reached, else where the person left off. */
function step(
  c: Context,
  s: Found,
  opts: { requested?: number; error?: string; status?: 200 | 400 | 409 } = {},
) {
  const steps = stepsOf(flowOf(s));
  const progress = progressOf(s.kit, s.view.id);
  const wanted =
    opts.requested !== undefined && opts.requested >= 0 && opts.requested <= progress.reached
      ? opts.requested
      : progress.step;
  const index = Math.min(Math.max(wanted, 0), steps.length - 1);
  const resumed =
    opts.requested === undefined && !opts.error && progress.step > 0 && c.req.method === 'GET';
  const body = (
    <StepPage
      s={s}
      steps={steps}
      index={index}
      identity={identityOf(s)}
      outcomes={openOutcomes(s)}
      resumed={resumed}
      error={opts.error}
    />
  );
  return page(c, s, body, opts.status ?? 200);
}

/** The session when its link still opens a flow; otherwise the response to send instead. */
function live(sb: Sandbox, c: Context): Live {
  const s = lookup(sb, c.req.param('provider')!, c.req.param('id')!);
  if (!s) return { res: page(c, undefined, <NotFoundPage />, 404) };
  if (s.view.link !== 'live') return { res: page(c, s, <ClosedPage s={s} />, 410) };
  return { s };
}

/** After a decision or a departure: the stored redirect with the vendor's parameters, when allowed. */
function leaveFor(sb: Sandbox, c: Context, s: Found, opts: { left?: boolean } = {}) {
  const fresh = lookup(sb, s.provider.name, s.view.id) ?? s;
  const target = s.provider.sessions!.redirectFor?.(fresh.kit, fresh.view) ?? null;
  const safe = safeRedirect(target, fresh.view.redirectUri, schemesOf(s));
  if (safe) return c.redirect(safe, 303);
  return page(
    c,
    fresh,
    <DonePage
      s={fresh}
      view={fresh.view}
      identity={identityOf(fresh)}
      left={opts.left}
      refused={!!target}
    />,
  );
}

/** GET: the step reached, or the earlier one a Back link asks for. */
function show(sb: Sandbox, c: Context) {
  const { s, res } = live(sb, c);
  if (!s) return res;
  const requested = c.req.query('step');
  return step(c, s, {
    requested:
      requested === undefined || !/^\d{1,2}$/.test(requested) ? undefined : Number(requested),
  });
}

/** POST …/next: past the step `from` (consent needs its box ticked), then to the next one. */
async function next(sb: Sandbox, c: Context) {
  const { s, res } = live(sb, c);
  if (!s) return res;
  const form = await c.req.parseBody();
  const steps = stepsOf(flowOf(s));
  const from = Number(text(form.from));
  if (!Number.isInteger(from) || from < 0 || from > steps.length - 2)
    return step(c, s, { error: 'That step does not exist.', status: 400 });
  const chosen = choiceOf(s, steps[from]!, text(form.choice));
  if (chosen === null)
    return step(c, s, {
      requested: from,
      error: 'Pick one of the options to continue.',
      status: 400,
    });
  if (steps[from]!.kind === 'consent' && text(form.agree) !== 'yes') {
    return step(c, s, {
      requested: from,
      error: 'Tick the box to give your consent before continuing.',
      status: 400,
    });
  }
  // Leaving the first screen is when the vendor marks the session started (gu1 in_progress, Faceki OPENED).
  const start = flowOf(s).start;
  if (from === 0 && start && s.view.next.includes(start)) {
    await sb.sessions.transition(s.view.id, start, { manual: false });
  }
  saveProgress(s.kit, s.view.id, from + 1, chosen);
  return c.redirect(`${at(rootOf(c.req.path), pathOf(s.view))}?step=${from + 1}`, 303);
}

/** A step's choice as posted: nothing to choose (undefined), one of its options, or null (missing or not offered). */
function choiceOf(s: Found, step: HostedStep, value: string | undefined) {
  const options = step.choose ? optionsOf(s, step) : [];
  if (!step.choose || options.length === 0) return undefined; // nothing to choose for this session
  return value !== undefined && options.includes(value) ? { [step.choose.field]: value } : null;
}

/** POST …/leave: back to the client undecided. */
function leave(sb: Sandbox, c: Context) {
  const { s, res } = live(sb, c);
  if (!s) return res;
  return leaveFor(sb, c, s, { left: true });
}

/** Why the page refuses a choice, or undefined when it may be made. */
function refusalOf(s: Found, state: string): { error: string; status: 400 | 409 } | undefined {
  const flow = flowOf(s);
  // The page offers the flow's outcomes (and its start); other vendor states are for operators only.
  const offered = flow.outcomes.some((o) => o.state === state) || flow.start === state;
  if (!offered) return { error: 'That choice is not offered on this page.', status: 400 };
  if (!s.view.next.includes(state))
    return { error: `That choice is not possible from state ${s.view.state}.`, status: 409 };
  return undefined;
}

/** After a move: a move that keeps the link open (the start) continues the flow; a decision ends it. */
function afterMove(sb: Sandbox, c: Context, s: Found) {
  const after = lookup(sb, s.provider.name, s.view.id)!;
  if (after.view.link === 'live') {
    saveProgress(after.kit, after.view.id, Math.max(progressOf(after.kit, after.view.id).step, 1));
    return step(c, after);
  }
  forgetProgress(after.kit, after.view.id);
  return leaveFor(sb, c, after);
}

/** POST … (state, reason): applies the vendor's own transition, as if it had decided. */
async function decide(sb: Sandbox, c: Context) {
  const { s, res } = live(sb, c);
  if (!s) return res;
  const form = await c.req.parseBody();
  const state = text(form.state) ?? '';
  const last = stepsOf(flowOf(s)).length - 1;
  const refusal = refusalOf(s, state);
  if (refusal) return step(c, s, { requested: last, ...refusal });
  const reason = text(form.reason)?.trim().slice(0, 200) || undefined;
  try {
    const choices = progressOf(s.kit, s.view.id).choices;
    await sb.sessions.transition(s.view.id, state, { reason, manual: false, choices });
  } catch (err) {
    if (err instanceof SandboxError)
      return step(c, s, { requested: last, error: err.message, status: 409 });
    throw err;
  }
  return afterMove(sb, c, s);
}

export function verifyRoutes(sb: Sandbox) {
  const pages = new Hono();
  pages.get('/:provider/:id', (c) => show(sb, c));
  // A vendor-style path before the id (Faceki's /kycverify/<linkId>): the same page.
  pages.get('/:provider/:via/:id', (c) => show(sb, c));
  pages.post('/:provider/:id/next', (c) => next(sb, c));
  pages.post('/:provider/:id/leave', (c) => leave(sb, c));
  pages.post('/:provider/:id', (c) => decide(sb, c));
  // Anything else under /verify is a mangled link: the same page as an unknown one.
  pages.get('*', (c) => page(c, undefined, <NotFoundPage />, 404));
  return pages;
}
