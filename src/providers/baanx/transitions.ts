// Moves with side effects: registration's account and onboarding, and verificationState changes.
import { SandboxError, type Kit } from '../../engine/index.js';
import { hashPassword, issueToken } from './auth.js';
import { fail } from './errors.js';
import {
  baanxLifecycle,
  decisionDelayMs,
  emailOutcome,
  dataOutcome,
  isOtpEmail,
  isSuspendedEmail,
  linkState,
  nextThrough,
  optionsOf,
  type VerificationState,
} from './lifecycle.js';
import {
  getOnboarding,
  getSession,
  getUser,
  markRegistered,
  newId,
  putOnboarding,
  putSession,
  putUser,
  registeredUser,
  type Contact,
  type Onboarding,
  type Region,
  type User,
  type VeriffSession,
} from './records.js';

// Automatic decisions are due at an instant on the tenant clock and applied lazily (by `settle`)
// when the state is next read; magic persons complete Veriff on their own. Baanx sends no partner
// webhook: clients poll.

const OPERATOR_REJECTION = 'Rejected in the sandbox';

function decide(user: User, to: 'VERIFIED' | 'REJECTED', reason: string | null, at: string) {
  user.verificationState = to;
  user.verificationUpdatedAt = at;
  user.rejectionReason = to === 'REJECTED' ? (reason ?? OPERATOR_REJECTION) : null;
  user.pendingDecision = null;
}

/** What the person's data decides by itself at an instant (age, magic values), or null. */
const outcomeAt = (kit: Kit, user: User, at: number) =>
  dataOutcome(user, at, optionsOf(kit).minimumAge);

/**
 * Applies an automatic decision whose instant has passed, stamped with that instant: what the data
 * decides then (an applicant under the minimum age is rejected for age), else VERIFIED.
 */
export function settle(kit: Kit, user: User): User {
  const due = user.pendingDecision;
  if (!due || user.verificationState !== 'PENDING' || kit.now() < Date.parse(due.at)) return user;
  const outcome = outcomeAt(kit, user, Date.parse(due.at));
  decide(user, outcome?.state ?? 'VERIFIED', outcome?.reason ?? null, due.at);
  return user;
}

export const stateOf = (kit: Kit, user: User): VerificationState =>
  settle(kit, user).verificationState;

function submit(kit: Kit, session: VeriffSession, user: User) {
  const at = kit.iso();
  session.submittedAt ??= at;
  user.verificationState = 'PENDING';
  user.verificationUpdatedAt = at;
  user.rejectionReason = null;
  user.pendingDecision = null;
}

/**
 * After a plain submission (the outcome left automatic): a decision is due when autoDecision is on,
 * or at once when the data decides by itself (age, magic values).
 */
function schedule(kit: Kit, session: VeriffSession, user: User) {
  const mode = optionsOf(kit).autoDecision;
  if (mode === 'off' && !outcomeAt(kit, user, kit.now())) return;
  user.pendingDecision = {
    at: kit.iso(kit.now() + decisionDelayMs(mode, kit.seed, session.id)),
    sessionId: session.id,
  };
  settle(kit, user);
}

/** The state an operator may move to through this session now, else the lifecycle's 409. */
function guardMove(kit: Kit, session: VeriffSession, user: User, to: string) {
  const now = kit.now();
  const allowed = nextThrough(session, user, now);
  const subject = `Baanx verification through session ${session.id}`;
  try {
    return baanxLifecycle.guard(subject, user.verificationState, to, allowed);
  } catch (err) {
    // Through a dead link nothing moves, whatever the state: the hint names the link and the way out.
    if (allowed.length || !(err instanceof SandboxError)) throw err;
    const link = linkState(session, user, now);
    throw new SandboxError(
      err.status,
      err.code,
      err.message,
      `allowed now: none (this link is ${link}; GET /v1/user/verification makes a new one)`,
    );
  }
}

/** An operator move (admin API, hosted page) through one session; SandboxError 409 when not allowed. */
export function transition(
  kit: Kit,
  session: VeriffSession,
  user: User,
  to: string,
  reason: string | null,
) {
  settle(kit, user);
  const from = user.verificationState;
  const next = guardMove(kit, session, user, to);
  if (from !== 'PENDING') submit(kit, session, user);
  else session.submittedAt ??= kit.iso();
  if (next === 'PENDING') schedule(kit, session, user);
  else decide(user, next as 'VERIFIED' | 'REJECTED', reason, kit.iso());
}

/**
 * A Veriff-like session for this user. The registration one is reused while it lives (docs: "can
 * be used multiple times until verification is complete"); post-registration ones are new on each
 * call and supersede older unused ones. A magic-email person submits as soon as a session exists.
 */
export function openSession(
  kit: Kit,
  region: Region,
  onboarding: Onboarding,
  user: User,
  kind: VeriffSession['kind'],
): VeriffSession {
  settle(kit, user);
  if (kind === 'registration' && onboarding.registrationSessionId) {
    const existing = getSession(kit, onboarding.registrationSessionId);
    if (existing && linkState(existing, user, kit.now()) !== 'expired') return existing;
  }
  const now = kit.now();
  const options = optionsOf(kit);
  const ttl = kind === 'registration' ? options.registrationLinkTtl : options.verificationLinkTtl;
  const session: VeriffSession = {
    id: newId(kit, 'session', region),
    region,
    kind,
    userId: user.id,
    onboardingId: onboarding.id,
    createdAt: kit.iso(now),
    expiresAt: kit.iso(now + ttl),
    submittedAt: null,
  };
  putSession(kit, session);
  user.currentSessionId = session.id;
  if (kind === 'registration') onboarding.registrationSessionId = session.id;
  if (emailOutcome(user) && user.verificationState !== 'PENDING') {
    submit(kit, session, user);
    schedule(kit, session, user);
  }
  return session;
}

/** email/verify: the account (`user.id`) and the onboarding, whose TTL runs from now. */
export function startRegistration(
  kit: Kit,
  region: Region,
  contact: Contact,
  body: Record<string, unknown>,
): { onboarding: Onboarding; user: User } {
  const now = kit.now();
  const user = newUser(kit, region, contact.email, body, kit.iso(now));
  const onboarding: Onboarding = {
    id: newId(kit, 'onboarding', region),
    region,
    userId: user.id,
    contactVerificationId: contact.id,
    createdAt: kit.iso(now),
    expiresAt: kit.iso(now + optionsOf(kit).onboardingTtl),
    phoneVerifiedAt: null,
    detailsAt: null,
    addressAt: null,
    needsMailingAddress: false,
    completedAt: null,
    registrationSessionId: null,
  };
  user.onboardingId = onboarding.id;
  putUser(kit, user);
  putOnboarding(kit, onboarding);
  contact.emailVerifiedAt = kit.iso(now);
  contact.onboardingId = onboarding.id;
  return { onboarding, user };
}

function newUser(
  kit: Kit,
  region: Region,
  email: string,
  body: Record<string, unknown>,
  at: string,
): User {
  return {
    id: kit.ids.uuid('user'),
    region,
    onboardingId: '',
    email,
    passwordHash: hashPassword(String(body.password)),
    countryOfResidence: String(body.countryOfResidence),
    allowMarketing: body.allowMarketing === true,
    allowSms: body.allowSms === true,
    phoneCountryCode: null,
    phoneNumber: null,
    firstName: null,
    lastName: null,
    dateOfBirth: null,
    countryOfNationality: null,
    ssn: null,
    address: null,
    mailingAddress: null,
    verificationState: baanxLifecycle.initial,
    verificationUpdatedAt: at,
    rejectionReason: null,
    otpEnabled: isOtpEmail(email),
    otpChallenge: null,
    pendingDecision: null,
    currentSessionId: null,
    disabled: false,
    createdAt: at,
    registeredAt: null,
  };
}

/** The live, incomplete onboarding this contact already created (a retried email/verify), if any. */
export function earlierOnboarding(kit: Kit, region: Region, contact: Contact) {
  if (!contact.onboardingId) return undefined;
  const ob = getOnboarding(kit, region, contact.onboardingId);
  if (!ob || ob.completedAt || Date.parse(ob.expiresAt) <= kit.now()) return undefined;
  const user = getUser(kit, region, ob.userId);
  return user ? { onboarding: ob, user } : undefined;
}

/** Checked before the last step stores anything: one registered account per email and region. */
export function assertCanComplete(kit: Kit, region: Region, user: User) {
  if (registeredUser(kit, region, user.email, user.id)) throw fail('EMAIL_ALREADY_REGISTERED');
}

/** The last registration step: the account is registered (the magic email suspended) with a token. */
export function completeRegistration(
  kit: Kit,
  region: Region,
  onboarding: Onboarding,
  user: User,
): string {
  const at = kit.iso();
  onboarding.completedAt = at;
  markRegistered(kit, user, at);
  if (isSuspendedEmail(user.email)) user.disabled = true;
  return issueToken(kit, region, user);
}
