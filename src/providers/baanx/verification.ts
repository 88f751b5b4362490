// Applying verificationState changes with their side effects: link use, automatic decisions
// (due at an instant on the tenant clock, applied lazily by `settle` when the state is next read)
// and the magic persons who complete Veriff on their own. Baanx sends no partner webhook: clients poll.
import { parseDuration, SandboxError, type Kit } from '../../engine/index.js';
import type { Region } from './clients.js';
import {
  baanxLifecycle,
  emailOutcome,
  decisionDelayMs,
  linkState,
  magicOutcome,
  nextThrough,
  type AutoDecision,
  type VerificationState,
} from './lifecycle.js';
import { newId, SESSIONS, type Onboarding, type User, type VeriffSession } from './records.js';

const AUTO_REJECTION = 'Rejected by the automatic decision (sandbox)';

function decide(user: User, to: 'VERIFIED' | 'REJECTED', reason: string | null, at: string) {
  user.verificationState = to;
  user.verificationUpdatedAt = at;
  user.rejectionReason = to === 'REJECTED' ? (reason ?? AUTO_REJECTION) : null;
  user.pendingDecision = null;
}

/** Applies an automatic decision whose instant has passed, stamped with that instant. */
export function settle(kit: Kit, user: User): User {
  const due = user.pendingDecision;
  if (!due || user.verificationState !== 'PENDING' || kit.now() < Date.parse(due.at)) return user;
  decide(user, magicOutcome(user) ?? 'VERIFIED', null, due.at);
  return user;
}

function submit(kit: Kit, session: VeriffSession, user: User) {
  const at = kit.iso();
  session.submittedAt ??= at;
  user.verificationState = 'PENDING';
  user.verificationUpdatedAt = at;
  user.rejectionReason = null;
  user.pendingDecision = null;
}

/** After a plain submission: a decision is due when autoDecision is on, or a magic value says so. */
function schedule(kit: Kit, session: VeriffSession, user: User) {
  const mode = kit.options.autoDecision as AutoDecision;
  if (mode === 'off' && !magicOutcome(user)) return;
  user.pendingDecision = {
    at: kit.iso(kit.now() + decisionDelayMs(mode, kit.seed, session.id)),
    sessionId: session.id,
  };
  settle(kit, user);
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
  const allowed = nextThrough(session, user, kit.now());
  if (!baanxLifecycle.isState(to) || !allowed.includes(to)) {
    const why = allowed.length
      ? allowed.join(', ')
      : `none (this link is ${linkState(session, user, kit.now())}; GET /v1/user/verification makes a new one)`;
    throw new SandboxError(
      409,
      'illegal_transition',
      `Baanx verification cannot move from ${from} to ${to} through session ${session.id}`,
      `allowed now: ${why}`,
    );
  }
  if (from !== 'PENDING') submit(kit, session, user);
  else session.submittedAt ??= kit.iso();
  if (to === 'PENDING') schedule(kit, session, user);
  else decide(user, to as 'VERIFIED' | 'REJECTED', reason ?? 'Rejected in the sandbox', kit.iso());
}

function ttl(kit: Kit, option: 'registrationLinkTtl' | 'verificationLinkTtl') {
  return parseDuration(kit.options[option]) ?? 0;
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
    const existing = kit.ns.get<VeriffSession>(SESSIONS, onboarding.registrationSessionId);
    if (existing && linkState(existing, user, kit.now()) !== 'expired') return existing;
  }
  const now = kit.now();
  const session: VeriffSession = {
    id: newId(kit, 'session', region),
    region,
    kind,
    userId: user.id,
    onboardingId: onboarding.id,
    createdAt: kit.iso(now),
    expiresAt: kit.iso(
      now + ttl(kit, kind === 'registration' ? 'registrationLinkTtl' : 'verificationLinkTtl'),
    ),
    submittedAt: null,
  };
  kit.ns.put(SESSIONS, session.id, session);
  user.currentSessionId = session.id;
  if (kind === 'registration') onboarding.registrationSessionId = session.id;
  if (emailOutcome(user) && user.verificationState !== 'PENDING') {
    submit(kit, session, user);
    schedule(kit, session, user);
  }
  return session;
}

export const stateOf = (kit: Kit, user: User): VerificationState =>
  settle(kit, user).verificationState;
