// A Faceki KYC link's lifecycle: CREATED → (OPENED) → SUBMITTED → ACCEPTED | DECLINED | REVIEW,
// and REVIEW → ACCEPTED | DECLINED on a manual decision. EXPIRED is never stored: a link not yet
// submitted reads as EXPIRED once its expiryTime has passed on the tenant clock.
import { defineLifecycle } from '../../engine/index.js';
import type { Variant } from './clients.js';

export const facekiLifecycle = defineLifecycle({
  states: ['CREATED', 'OPENED', 'SUBMITTED', 'ACCEPTED', 'DECLINED', 'REVIEW', 'EXPIRED'] as const,
  initial: 'CREATED',
  transitions: {
    CREATED: ['OPENED', 'SUBMITTED', 'ACCEPTED', 'DECLINED', 'REVIEW', 'EXPIRED'],
    OPENED: ['SUBMITTED', 'ACCEPTED', 'DECLINED', 'REVIEW', 'EXPIRED'],
    SUBMITTED: ['ACCEPTED', 'DECLINED', 'REVIEW'],
    REVIEW: ['ACCEPTED', 'DECLINED'],
  },
});

export type FacekiState = (typeof facekiLifecycle.states)[number];
export type Decision = 'ACCEPTED' | 'DECLINED' | 'REVIEW';
export const DECISIONS: readonly string[] = ['ACCEPTED', 'DECLINED', 'REVIEW'];
export const isDecision = (s: string): s is Decision => DECISIONS.includes(s);

export interface FacekiLink extends Record<string, unknown> {
  id: string;
  clientId: string;
  variant: Variant;
  workflowId: string;
  applicationId: string | null;
  redirectUrl: string | null;
  documentOptional: boolean;
  expiryMinutes: number;
  createdAt: string;
  expiresAt: string;
  /** The stored state; never EXPIRED (computed on read). */
  state: Exclude<FacekiState, 'EXPIRED'>;
  /** Faceki's requestId, given when the person submits. */
  requestId: string | null;
  reason: string | null;
  openedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
}

export type LinkStatus = 'live' | 'used' | 'expired';

const UNSUBMITTED = new Set(['CREATED', 'OPENED']);

export function linkStatus(link: FacekiLink, now: number): LinkStatus {
  if (!UNSUBMITTED.has(link.state)) return 'used';
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'live';
}

export const effectiveState = (link: FacekiLink, now: number): FacekiState =>
  linkStatus(link, now) === 'expired' ? 'EXPIRED' : link.state;

export const decisionOf = (link: FacekiLink): Decision | null =>
  isDecision(link.state) ? link.state : null;
