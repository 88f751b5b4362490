// gu1's validation lifecycle, its options, and pure functions of (validation, now).
import {
  defineLifecycle,
  type Kit,
  type OptionSpec,
  type OptionValues,
} from '../../engine/index.js';

/** The eight documented statuses; the transitions are the reference's inference. */
export const gu1Lifecycle = defineLifecycle({
  states: [
    'pending',
    'in_progress',
    'in_review',
    'approved',
    'rejected',
    'expired',
    'abandoned',
    'cancelled',
  ] as const,
  initial: 'pending',
  transitions: {
    pending: ['in_progress', 'expired', 'cancelled'],
    in_progress: ['in_review', 'approved', 'rejected', 'abandoned', 'expired', 'cancelled'],
    in_review: ['approved', 'rejected', 'cancelled'],
  },
});

export type Gu1Status = (typeof gu1Lifecycle.states)[number];

/** TTLs and the variants picked where gu1's pages conflict (README "Options"). */
export const gu1Options = {
  validationTtl: {
    default: '7d',
    type: 'duration',
    choices: ['7d', '30d'],
    description:
      'how long a validation link lives (expiresAt): the docs say both "typically 7 days" (get URL, webhook events) and "typically valid for 30 days" (create validation)',
  },
  mockDelay: {
    default: '30s',
    type: 'duration',
    description:
      'how long after creation a sandbox test taxId validation moves to its mapped outcome ("moments later")',
  },
  rateLimit: {
    default: '0',
    type: 'int',
    description:
      "requests per hour per organization; 0 = off. gu1's sandbox documents 100 req/h: set 100 to emulate it",
  },
  currentExcludes: {
    default: 'cancelled-expired-abandoned',
    choices: ['cancelled-expired-abandoned', 'all-terminal'],
    description:
      'which statuses of the current validation make GET …/current answer 404 (the docs example returns an approved current validation; the error list says "all validations are in terminal states")',
  },
  webhookEnvelope: {
    default: 'event-payload',
    choices: ['event-payload', 'type-data'],
    description:
      "webhook body: {event, timestamp, organizationId, payload} (the KYC events page) or {type, timestamp, organizationId, data} (the older webhook-integration page's sample handler)",
  },
  organizationHeader: {
    default: 'optional',
    choices: ['optional', 'required'],
    description:
      'X-Organization-ID: "optional" (the KYC pages send only Authorization: Bearer; a fixture key alone selects its organization) or "required" (an organization-scoped account: without it, 401 UNAUTHORIZED "Missing or invalid API key or organization context")',
  },
  cancellableFrom: {
    default: 'pending-in_progress-in_review',
    choices: ['pending-in_progress-in_review', 'pending-in_progress'],
    description:
      "which statuses DELETE …/cancel accepts: the cancel page's title, error list and notes say pending, in_progress or in_review; its overview paragraph says pending or in_progress",
  },
  entityPaths: {
    default: 'api',
    choices: ['api', 'both'],
    description:
      'entity paths: "api" answers /api/entities… as the KYC guide writes them; "both" also answers /entities… as the API reference pages write them (otherwise 404 Route not found)',
  },
  reverificationPeriod: {
    default: '365d',
    type: 'duration',
    description:
      'how long an approval keeps an entity verified (GET …/status expiresAt, needsReverification): the es status page shows expiresAt one year after lastVerifiedAt; no page states the rule',
  },
  statusExpiresAt: {
    default: 'include',
    choices: ['include', 'omit'],
    description:
      'GET …/status: the es page\'s body has expiresAt, the pt page\'s (and the en field list) do not; "omit" answers the pt body exactly',
  },
} as const satisfies Record<string, OptionSpec>;

export type Gu1Options = OptionValues<typeof gu1Options>;

/** The organization's options, parsed at boot (durations in ms, the rate limit a number). */
export const optionsOf = (kit: Kit) => kit.options as Gu1Options;

/** Which statuses make the current validation answer 404 (option currentExcludes, see README). */
export const hiddenCurrent = (opts: Gu1Options): readonly Gu1Status[] =>
  opts.currentExcludes === 'all-terminal'
    ? ['approved', 'rejected', 'expired', 'abandoned', 'cancelled']
    : ['expired', 'abandoned', 'cancelled'];

/** Sandbox outcomes a test taxId can map to (RENAPER rows end in a plain status). */
export type MockOutcome =
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'in_review'
  | 'abandoned'
  | 'expired'
  | 'rejected_renaper';

/** The sandbox table's automatic outcome and when it applies. */
export interface AutoOutcome {
  outcome: MockOutcome;
  dueAt: string;
}

/** What the lifecycle reads of a validation (records.ts's Gu1Validation has these fields). */
export interface ValidationClock {
  status: Gu1Status;
  auto: AutoOutcome | null;
  expiresAt: string;
  isCurrent: boolean;
}

/** The status steps an automatic outcome walks through, each allowed by the lifecycle. */
export const STEPS: Record<MockOutcome, readonly Gu1Status[]> = {
  approved: ['in_progress', 'approved'],
  rejected: ['in_progress', 'rejected'],
  rejected_renaper: ['in_progress', 'rejected'],
  in_review: ['in_progress', 'in_review'],
  abandoned: ['in_progress', 'abandoned'],
  cancelled: ['cancelled'],
  expired: ['expired'],
};

export const EXPIRABLE: readonly Gu1Status[] = ['pending', 'in_progress'];
/** What DELETE …/cancel accepts (option cancellableFrom, see README). */
export const cancellable = (opts: Gu1Options): readonly Gu1Status[] =>
  opts.cancellableFrom === 'pending-in_progress'
    ? ['pending', 'in_progress']
    : ['pending', 'in_progress', 'in_review'];
/** What manual approve and reject accept: only a validation waiting for compliance review. */
export const DECIDABLE: readonly Gu1Status[] = ['in_review'];
/** Statuses whose verification data (decision, documents, biometrics…) is filled. */
export const COMPLETED: readonly Gu1Status[] = ['in_review', 'approved', 'rejected'];

export type Happening = { kind: 'auto'; at: number } | { kind: 'expire'; at: number };

/** What is due on this validation at `now`, in time order (the automatic outcome, expiry). */
export function dueHappenings(v: ValidationClock, now: number): Happening[] {
  const out: Happening[] = [];
  if (v.auto && Date.parse(v.auto.dueAt) <= now)
    out.push({ kind: 'auto', at: Date.parse(v.auto.dueAt) });
  const expiresAt = Date.parse(v.expiresAt);
  if (expiresAt <= now) out.push({ kind: 'expire', at: expiresAt });
  return out.sort((a, b) => a.at - b.at);
}

/** The status a reader sees at `now`, without changing anything (admin views, hosted page). */
export function effectiveStatus(v: ValidationClock, now: number): Gu1Status {
  let status = v.status;
  for (const h of dueHappenings(v, now)) {
    if (h.kind === 'auto' && v.auto) {
      for (const step of STEPS[v.auto.outcome]) if (gu1Lifecycle.can(status, step)) status = step;
    } else if (h.kind === 'expire' && EXPIRABLE.includes(status)) status = 'expired';
  }
  return status;
}

export function linkState(
  v: ValidationClock,
  now: number,
): 'live' | 'expired' | 'used' | 'superseded' {
  const status = effectiveStatus(v, now);
  if (status === 'expired') return 'expired';
  if (!EXPIRABLE.includes(status)) return 'used';
  if (!v.isCurrent) return 'superseded';
  return 'live';
}
