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
  minimumAge: {
    default: '18',
    type: 'int',
    description:
      'an applicant younger than this (by dateOfBirth, on the decision date) is REJECTED for age by every automatic decision (docs: "typically 18+")',
  },
  registrationOrder: {
    default: 'phone-first',
    choices: ['phone-first', 'guide', 'any'],
    description:
      'phone-first: the KYC step (POST /v1/auth/register/verification) needs a verified phone (docs: "after phone verification is complete"), personal details do not need the KYC step (the phone-verify page: "proceed to ... personal details"); guide: personal details also need the KYC step first (the registration guide: "each step must be completed in order"); any: the KYC step any time after email/verify',
  },
  incompleteLogin: {
    default: 'phase',
    choices: ['phase', '401'],
    description:
      'POST /v1/auth/login for an unfinished registration: phase answers 200 with the step the person stopped at (what MetaMask and Ledger are written around); 401 refuses it as the login page describes login for registered users only',
  },
  phaseUserId: {
    default: 'onboarding',
    choices: ['onboarding', 'user'],
    description:
      'the userId of a login answer with a phase: onboarding gives the onboardingId, which MetaMask resumes registration with; user gives the account id, as the login page calls userId "the user\'s unique identifier"',
  },
  otpTtl: {
    default: '5m',
    type: 'duration',
    description: 'lifetime of a login OTP sent by SMS (docs: "expires after a few minutes")',
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

/** Where an unfinished registration stopped, as POST /v1/auth/login's `phase` names it. */
export type Phase = 'ACCOUNT' | 'PHONE_NUMBER' | 'PERSONAL_INFORMATION' | 'PHYSICAL_ADDRESS';

/**
 * The step to do next (MetaMask routes PHONE_NUMBER to its phone screen, PERSONAL_INFORMATION to
 * personal details…); null once registration completed. An onboarding past its TTL cannot take
 * steps any more, so the person starts over from the account step: ACCOUNT. The US mailing address
 * is part of the address phase (the four documented phases have no mailing one).
 */
export function phaseOf(
  onboarding: {
    completedAt: string | null;
    expiresAt: string;
    phoneVerifiedAt: string | null;
    detailsAt: string | null;
  },
  now: number,
): Phase | null {
  if (onboarding.completedAt) return null;
  if (Date.parse(onboarding.expiresAt) <= now) return 'ACCOUNT';
  if (!onboarding.phoneVerifiedAt) return 'PHONE_NUMBER';
  if (!onboarding.detailsAt) return 'PERSONAL_INFORMATION';
  return 'PHYSICAL_ADDRESS';
}

export const MAGIC_DOMAINS = {
  approve: '@approve.baanx.test',
  reject: '@reject.baanx.test',
  suspended: '@suspended.baanx.test',
  veriffDown: '@veriff-down.baanx.test',
  otp: '@otp.baanx.test',
} as const;

// Veriff's rejection reasons as Baanx's verification docs name them (the hosted page offers them,
// the admin API takes any text). The age rule below decides the third by itself.
export const REJECTION_REASONS = [
  'Expired document',
  'Identity mismatch: the document does not match the registration details',
  'Age below the minimum (typically 18+)',
  'Sanctions or watchlist match',
  'Document not readable',
  'Face does not match the document',
  'Suspected document tampering',
] as const;
export const AGE_REASON = REJECTION_REASONS[2];
const MAGIC_REJECTION = 'Rejected by a sandbox magic value';

/** Whole years from a YYYY-MM-DD birth date to the instant `at` (UTC calendar). */
export function ageAt(dateOfBirth: string, at: number): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const now = new Date(at);
  const birthdayPassed =
    now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return now.getUTCFullYear() - y - (birthdayPassed ? 0 : 1);
}

const hasDomain = (email: string, domain: string) => email.toLowerCase().endsWith(domain);

/** The email magic values: the person completes Veriff on their own, with a known outcome. */
export function emailOutcome(user: { email: string }): 'VERIFIED' | 'REJECTED' | null {
  if (hasDomain(user.email, MAGIC_DOMAINS.reject)) return 'REJECTED';
  if (hasDomain(user.email, MAGIC_DOMAINS.approve)) return 'VERIFIED';
  return null;
}

export interface Outcome {
  state: 'VERIFIED' | 'REJECTED';
  reason: string | null;
}

/**
 * What the person's data decides by itself, at the instant `at`: under the minimum age by
 * dateOfBirth is REJECTED for age (Veriff checks the document's birth date; the sandbox reads the
 * registered one), then the email magic, then the lastName magic; null when nothing does.
 */
export function dataOutcome(
  user: { email: string; lastName: string | null; dateOfBirth: string | null },
  at: number,
  minimumAge: number,
): Outcome | null {
  if (user.dateOfBirth && ageAt(user.dateOfBirth, at) < minimumAge)
    return { state: 'REJECTED', reason: AGE_REASON };
  const byEmail = emailOutcome(user);
  const last = user.lastName?.trim().toLowerCase();
  const state =
    byEmail ?? (last === 'rejected' ? 'REJECTED' : last === 'approved' ? 'VERIFIED' : null);
  if (!state) return null;
  return { state, reason: state === 'REJECTED' ? MAGIC_REJECTION : null };
}

export const isSuspendedEmail = (email: string) => hasDomain(email, MAGIC_DOMAINS.suspended);
export const isOtpEmail = (email: string) => hasDomain(email, MAGIC_DOMAINS.otp);
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
