// gu1's KYC validation lifecycle (eight documented statuses; the transitions are the reference's
// inference), the stored record shapes, and pure functions of (record, now): due automatic moves,
// expiry, and whether the verification link still opens a flow.
import { defineLifecycle } from '../../engine/index.js';

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
export const STATUSES = gu1Lifecycle.states;

/** Sandbox outcomes a test taxId can map to (RENAPER rows end in a plain status). */
export type MockOutcome =
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'in_review'
  | 'abandoned'
  | 'expired'
  | 'rejected_renaper';

export interface Gu1Entity extends Record<string, unknown> {
  id: string;
  externalId: string | null;
  organizationId: string;
  type: 'person';
  name: string;
  taxId: string | null;
  /** Letters and digits only, upper-cased: the key for duplicates and the sandbox table. */
  taxIdKey: string | null;
  countryCode: string;
  riskScore: number;
  riskFactors: unknown[];
  status: string;
  kycVerified: boolean;
  kycProvider: string | null;
  kycData: Record<string, unknown> | null;
  entityData: Record<string, unknown>;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Gu1Validation extends Record<string, unknown> {
  id: string;
  /** Creation order within the organization: newest-first ties on a frozen clock. */
  seq: number;
  entityId: string;
  organizationId: string;
  integrationCode: string;
  sessionId: string | null;
  status: Gu1Status;
  provider: string;
  providerSessionUrl: string | null;
  isCurrent: boolean;
  expiresAt: string;
  metadata: Record<string, unknown>;
  webhookUrl: string | null;
  doubleCheckRenaper: boolean;
  omitWarnings: string[];
  workflowId: string | null;
  /** The sandbox table's automatic outcome and when it applies; null once applied or overridden. */
  auto: { outcome: MockOutcome; dueAt: string } | null;
  /** Set by a decision made through the admin API or the hosted page (manual status protection). */
  manual: boolean;
  outcome: MockOutcome | null;
  reason: string | null;
  completedAt: string | null;
  verifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
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
/** Statuses whose verification data (decision, documents, biometrics…) is filled. */
export const COMPLETED: readonly Gu1Status[] = ['in_review', 'approved', 'rejected'];

export type Happening = { kind: 'auto'; at: number } | { kind: 'expire'; at: number };

/** What is due on this validation at `now`, in time order (the automatic outcome, expiry). */
export function dueHappenings(v: Gu1Validation, now: number): Happening[] {
  const out: Happening[] = [];
  if (v.auto && Date.parse(v.auto.dueAt) <= now)
    out.push({ kind: 'auto', at: Date.parse(v.auto.dueAt) });
  const expiresAt = Date.parse(v.expiresAt);
  if (expiresAt <= now) out.push({ kind: 'expire', at: expiresAt });
  return out.sort((a, b) => a.at - b.at);
}

/** The status a reader sees at `now`, without changing anything (admin views, hosted page). */
export function effectiveStatus(v: Gu1Validation, now: number): Gu1Status {
  let status = v.status;
  for (const h of dueHappenings(v, now)) {
    if (h.kind === 'auto' && v.auto) {
      for (const step of STEPS[v.auto.outcome]) if (gu1Lifecycle.can(status, step)) status = step;
    } else if (h.kind === 'expire' && EXPIRABLE.includes(status)) status = 'expired';
  }
  return status;
}

export function linkState(
  v: Gu1Validation,
  now: number,
): 'live' | 'expired' | 'used' | 'superseded' {
  const status = effectiveStatus(v, now);
  if (status === 'expired') return 'expired';
  if (!EXPIRABLE.includes(status)) return 'used';
  if (!v.isCurrent) return 'superseded';
  return 'live';
}

/** Letters and digits only, upper-cased ("99.990.001" and "99990001" are one key). */
export const normaliseTaxId = (taxId: string) =>
  taxId
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
