// Baanx's verificationState machine, TTL options and link rules: pure functions of (record, now).
import {
  defineLifecycle,
  hash32,
  type Kit,
  type OptionSpec,
  type OptionValues,
} from '../../engine/index.js';

// UNVERIFIED → PENDING (submitted) → VERIFIED | REJECTED; a new session moves REJECTED (and
// VERIFIED: the docs offer re-verification "for verified users") back to PENDING.
export const baanxLifecycle = defineLifecycle({
  states: ['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED'] as const,
  initial: 'UNVERIFIED',
  transitions: {
    UNVERIFIED: ['PENDING'],
    PENDING: ['VERIFIED', 'REJECTED'],
    REJECTED: ['PENDING'],
    VERIFIED: ['PENDING'],
  },
});

export type VerificationState = (typeof baanxLifecycle.states)[number];
export type LinkState = 'live' | 'expired' | 'used' | 'superseded';

export const baanxOptions = {
  codeTtl: {
    default: '15m',
    type: 'duration',
    description: 'how long an email or SMS code stays valid (docs: "typically 10-15 minutes")',
  },
  onboardingTtl: {
    default: '60m',
    type: 'duration',
    description:
      'how long an incomplete onboarding accepts steps, from email/verify (docs: "typically 30-60 minutes")',
  },
  registrationLinkTtl: {
    default: '7d',
    type: 'duration',
    description: 'lifetime of the registration Veriff URL, reusable until submitted (docs: 7 days)',
  },
  verificationLinkTtl: {
    default: '24h',
    type: 'duration',
    description: 'lifetime of a post-registration URL, single use (docs: 24 hours)',
  },
  accessTokenTtl: {
    default: '6h',
    type: 'duration',
    description: 'access token lifetime (docs: 6 hours); POST /v1/auth/login issues a fresh one',
  },
  autoDecision: {
    default: 'off',
    choices: ['off', 'automated', 'manual'],
    description:
      'decide submitted verifications by themselves: automated 5-15 min or manual review 15-60 min after submission (docs), VERIFIED unless a magic value says otherwise; off waits for the hosted page or the admin API',
  },
} as const satisfies Record<string, OptionSpec>;

export type BaanxOptions = OptionValues<typeof baanxOptions>;
export type AutoDecision = BaanxOptions['autoDecision'];

/** The tenant's options as the boot parsed them (durations in ms). */
export const optionsOf = (kit: Kit) => kit.options as BaanxOptions;

// What the link rules read of a Veriff session and of its user: plain shapes rather than records.ts
// types, so records.ts can import the state names from here without an import cycle.
interface Link {
  id: string;
  expiresAt: string;
  submittedAt: string | null;
}
interface Holder {
  currentSessionId: string | null;
  verificationState: VerificationState;
}

/** Used once the person submits on it; superseded by a newer session of the same user; then the TTL. */
export function linkState(session: Link, user: Holder | undefined, now: number): LinkState {
  if (session.submittedAt) return 'used';
  if (!user || user.currentSessionId !== session.id) return 'superseded';
  if (Date.parse(session.expiresAt) <= now) return 'expired';
  return 'live';
}

/**
 * What an operator (admin API, hosted page) may do through a session now. While PENDING, decide.
 * On a live link, submit: PENDING (decision later) or VERIFIED/REJECTED (submitted and decided at
 * once, as Veriff's automated checks do). A used, expired or superseded link moves nothing.
 */
export function nextThrough(
  session: Link,
  user: Holder,
  now: number,
): readonly VerificationState[] {
  if (user.verificationState === 'PENDING') return baanxLifecycle.next('PENDING');
  if (linkState(session, user, now) !== 'live') return [];
  return ['PENDING', 'VERIFIED', 'REJECTED'];
}

export const MAGIC_DOMAINS = {
  approve: '@approve.baanx.test',
  reject: '@reject.baanx.test',
  suspended: '@suspended.baanx.test',
  veriffDown: '@veriff-down.baanx.test',
} as const;

const hasDomain = (email: string, domain: string) => email.toLowerCase().endsWith(domain);

/** The email magic values: the person completes Veriff on their own, with a known outcome. */
export function emailOutcome(user: { email: string }): 'VERIFIED' | 'REJECTED' | null {
  if (hasDomain(user.email, MAGIC_DOMAINS.reject)) return 'REJECTED';
  if (hasDomain(user.email, MAGIC_DOMAINS.approve)) return 'VERIFIED';
  return null;
}

/** Email magic first, then the lastName magic values; null when nothing forces the outcome. */
export function magicOutcome(user: {
  email: string;
  lastName: string | null;
}): 'VERIFIED' | 'REJECTED' | null {
  const byEmail = emailOutcome(user);
  if (byEmail) return byEmail;
  const last = user.lastName?.trim().toLowerCase();
  if (last === 'rejected') return 'REJECTED';
  if (last === 'approved') return 'VERIFIED';
  return null;
}

export const isSuspendedEmail = (email: string) => hasDomain(email, MAGIC_DOMAINS.suspended);
export const isVeriffDownEmail = (email: string) => hasDomain(email, MAGIC_DOMAINS.veriffDown);

/**
 * How long after submission an automatic decision lands: Baanx documents automated checks in
 * 5–15 minutes and manual review in 15–60. The exact instant is drawn from (seed, session id) so a
 * replay with the same seed decides at the same second; `off` decides magic values at once.
 */
export function decisionDelayMs(mode: AutoDecision, seed: string, sessionId: string): number {
  if (mode === 'off') return 0;
  const [min, max] = mode === 'automated' ? [5 * 60, 15 * 60] : [15 * 60, 60 * 60];
  return (min + (hash32(seed, 'baanx-decision', sessionId) % (max - min + 1))) * 1000;
}
