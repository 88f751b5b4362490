// What a hosted page needs of a session, read through the provider's SessionAdapter only: the flow
// description, the identity to show, the outcomes open now, and where the person left off.
import type {
  HostedFlow,
  HostedIdentity,
  HostedOutcome,
  HostedStep,
  Kit,
  SessionView,
} from '../engine/index.js';
import type { Found, Sandbox } from '../sandbox/types.js';

export type { Found } from '../sandbox/types.js';

/** Per-session page progress, in the session's own tenant namespace ("_" keeps it out of the id index). */
const PROGRESS = '_hosted_progress';

interface Progress extends Record<string, unknown> {
  step: number;
  reached: number;
  updatedAt: string;
  /** What the person chose on the steps that offer a choice, by field. */
  choices?: Record<string, string>;
}

const DEFAULT_FLOW: HostedFlow = {
  steps: ['Consent', 'Identity document', 'Selfie', 'Submit'],
  outcomes: [],
};

/** The session behind /verify/:provider/:id, or undefined when the provider or the id does not match. */
export function lookup(sb: Sandbox, provider: string, id: string): Found | undefined {
  const s = sb.sessions.find(id);
  return s && s.provider.name === provider ? s : undefined;
}

export const flowOf = (s: Found): HostedFlow => s.provider.sessions?.hosted ?? DEFAULT_FLOW;

/** Steps as objects; a plain-string step gets its kind from its position (first consent, last review). */
export function stepsOf(flow: HostedFlow): HostedStep[] {
  const n = flow.steps.length;
  return flow.steps.map((s, i) => {
    if (typeof s !== 'string') return s;
    const kind: HostedStep['kind'] =
      i === n - 1
        ? 'review'
        : i === 0
          ? 'consent'
          : /selfie|face|liveness/i.test(s)
            ? 'selfie'
            : /document|passport/i.test(s)
              ? 'document'
              : 'form';
    return { title: s, kind };
  });
}

/** The outcomes the vendor allows from the session's current state, in the flow's order. */
export const openOutcomes = (s: Found, view: SessionView = s.view): HostedOutcome[] =>
  flowOf(s).outcomes.filter((o) => view.next.includes(o.state));

/** The faker identity of the session: the provider's own, or one seeded from (provider, subject). */
export function identityOf(s: Found): HostedIdentity {
  const adapter = s.provider.sessions!;
  const row = s.kit.ns.get(adapter.collection, s.view.id) ?? {};
  if (adapter.identity) return adapter.identity(s.kit, row);
  return s.kit.fake(`hosted:${s.provider.name}:${s.view.subject}`, (f) => ({
    name: f.person.fullName(),
    facts: [
      {
        label: 'Date of birth',
        value: f.date
          .birthdate({ mode: 'age', min: 18, max: 80, refDate: Date.UTC(2025, 0, 1) })
          .toISOString()
          .slice(0, 10),
      },
      { label: 'Nationality', value: f.location.countryCode() },
    ],
  }));
}

export function progressOf(kit: Kit, id: string): Progress {
  return kit.ns.get<Progress>(PROGRESS, id) ?? { step: 0, reached: 0, updatedAt: '' };
}

export function saveProgress(
  kit: Kit,
  id: string,
  step: number,
  chosen?: Record<string, string>,
): Progress {
  const prev = progressOf(kit, id);
  const choices = chosen ? { ...prev.choices, ...chosen } : prev.choices;
  return kit.ns.put<Progress>(PROGRESS, id, {
    step,
    reached: Math.max(prev.reached, step),
    updatedAt: kit.iso(),
    ...(choices ? { choices } : {}),
  });
}

/** The options a step's choice offers for this session. */
export function optionsOf(s: Found, step: HostedStep): readonly string[] {
  const options = step.choose?.options;
  if (typeof options !== 'function') return options ?? [];
  const row = s.kit.ns.get(s.provider.sessions!.collection, s.view.id) ?? {};
  return options(s.kit, row);
}

export const forgetProgress = (kit: Kit, id: string) => kit.ns.delete(PROGRESS, id);

/** The page's base path for a session: built from stored values, never from the request. */
export const pathOf = (view: SessionView) =>
  `/verify/${encodeURIComponent(view.provider)}/${encodeURIComponent(view.id)}`;

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/** An instant as the dashboard prints it: "2025-01-01 00:00:00Z" (the full ISO form is in the API). */
export const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

/** "in 23h 59m" / "3m ago", measured on the session's tenant clock. */
export function relative(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const text = d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m` : `${Math.floor(abs / 1000)}s`;
  return ms > 0 ? `in ${text}` : `${text} ago`;
}

/** Under a session's expiry: a countdown while its link can still expire, else what became of it. */
export const expiryNote = (view: SessionView, now: number): string =>
  !view.expiresAt
    ? ''
    : view.link === 'live' || view.link === 'expired'
      ? relative(view.expiresAt, now)
      : `link ${view.link}`;
