// How the admin API and the hosted page see a Baanx (Veriff-like) session, and move it on. The
// state shown is the user's verificationState, settled first so a due automatic decision shows.
import type { Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { baanxLifecycle, linkState, nextThrough } from './lifecycle.js';
import { coll, SESSIONS, type User, type VeriffSession } from './records.js';
import { settle, transition } from './verification.js';

const userOf = (kit: Kit, s: VeriffSession) => kit.ns.get<User>(coll('users', s.region), s.userId);

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const session = row as VeriffSession;
  const user = userOf(kit, session);
  if (user) settle(kit, user);
  const now = kit.now();
  return {
    id: session.id,
    provider: 'baanx',
    tenant: kit.tenant,
    state: user?.verificationState ?? 'UNVERIFIED',
    subject: session.userId,
    url: kit.hostedUrl(session.id),
    redirectUri: null,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    link: linkState(session, user, now),
    next: user ? nextThrough(session, user, now) : [],
  };
}

export const baanxSessions: SessionAdapter = {
  lifecycle: baanxLifecycle,
  collection: SESSIONS,
  view,
  transition(kit, id, to, input) {
    const session = kit.ns.get<VeriffSession>(SESSIONS, id)!;
    transition(kit, session, userOf(kit, session)!, to, input.reason ?? null);
    return view(kit, session);
  },
  // Baanx documents a redirect "back to your application" but no per-session URL: the page stays.
  hosted: {
    steps: ['Accept Veriff’s terms', 'Photograph a government-issued ID (passport, driving licence, national ID or residence permit)', 'Take a live selfie', 'Submit'],
    outcomes: [
      { label: 'Submit for review (decision later)', state: 'PENDING' },
      { label: 'Approve', state: 'VERIFIED' },
      { label: 'Reject', state: 'REJECTED' },
    ],
  },
};
