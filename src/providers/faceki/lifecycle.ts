// A Faceki KYC link's states and moves; pure rules of (link, now), nothing stored here.
import { defineLifecycle } from '../../engine/index.js';
import type { FacekiLink } from './records.js';

/**
 * CREATED → (OPENED) → SUBMITTED → ACCEPTED | DECLINED | REVIEW, and REVIEW → ACCEPTED | DECLINED on a
 * manual decision. EXPIRED is never stored: a link not yet submitted reads as EXPIRED once its
 * expiryTime has passed on the tenant clock, so moving the clock expires it without a timer.
 */
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

/** The subject the illegal-transition 409 names. */
export const SUBJECT = 'Faceki link';

export type FacekiState = (typeof facekiLifecycle.states)[number];
export type Decision = 'ACCEPTED' | 'DECLINED' | 'REVIEW';
export const DECISIONS: readonly string[] = ['ACCEPTED', 'DECLINED', 'REVIEW'];
export const isDecision = (s: string): s is Decision => DECISIONS.includes(s);

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
