// The SessionAdapter: how the admin API and the hosted page see and move a Baanx (Veriff) session.
import type { HostedIdentity, Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { REDIRECT_SCHEMES, redirectAllowed } from './input.js';
import { baanxLifecycle, linkState, nextThrough, REJECTION_REASONS } from './lifecycle.js';
import { clientSettings, getSession, getUser, SESSIONS, type VeriffSession } from './records.js';
import { settle, transition } from './transitions.js';

const userOf = (kit: Kit, s: VeriffSession) => getUser(kit, s.region, s.userId);

/**
 * Baanx's page: "they will be redirected back to your application", with no field in the request
 * for it. The sandbox keeps one redirect per client (PUT /_sandbox/providers/baanx/settings),
 * checked again here so a stored value can never send the person anywhere the policy refuses.
 */
function redirectOf(kit: Kit): string | null {
  const url = clientSettings(kit).redirectUrl;
  return url ? redirectAllowed(url) : null;
}

/** The state shown is the user's verificationState, settled first so a due decision shows. */
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
    redirectUri: redirectOf(kit),
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    link: linkState(session, user, now),
    next: user ? nextThrough(session, user, now) : [],
  };
}

/**
 * The person as registered so far; the seed (step 3) may come before personal details, so missing
 * names and birth date come from faker, seeded by the user id.
 */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const session = row as VeriffSession;
  const user = userOf(kit, session);
  const made = kit.fake(`baanx:hosted-person:${session.userId}`, (f) => ({
    first: f.person.firstName(),
    last: f.person.lastName(),
    dob: f.date
      .birthdate({ mode: 'age', min: 18, max: 80, refDate: Date.UTC(2025, 0, 1) })
      .toISOString()
      .slice(0, 10),
  }));
  return {
    name: `${user?.firstName ?? made.first} ${user?.lastName ?? made.last}`,
    facts: [
      { label: 'Date of birth', value: user?.dateOfBirth ?? made.dob },
      { label: 'Country of residence', value: user?.countryOfResidence ?? '—' },
      { label: 'Email', value: user?.email ?? '—' },
      {
        label: 'Session',
        value:
          session.kind === 'registration'
            ? 'registration (reusable)'
            : 're-verification (single use)',
      },
    ],
  };
}

export const baanxSessions: SessionAdapter = {
  lifecycle: baanxLifecycle,
  collection: SESSIONS,
  view,
  transition(kit, id, to, input) {
    const session = getSession(kit, id)!;
    transition(kit, session, userOf(kit, session)!, to, input.reason ?? null);
    return view(kit, session);
  },
  // No query parameters: Baanx documents none, and says to poll the onboarding status instead.
  redirectFor: (kit) => redirectOf(kit),
  identity,
  // Baanx's sessionUrl opens Veriff, so the page is Veriff's flow under Baanx's name.
  hosted: {
    redirectSchemes: REDIRECT_SCHEMES,
    brand: { color: '#00615a', product: 'Veriff' },
    steps: [
      {
        kind: 'consent',
        title: 'Before you start',
        text: 'Veriff verifies your identity for Baanx. Have your ID ready and find a well-lit place.',
      },
      {
        kind: 'document',
        title: 'Photo of your ID',
        text: 'A government-issued ID: passport, driving licence, national ID card or residence permit.',
      },
      { kind: 'selfie', title: 'Selfie', text: 'Take a live selfie. Remove glasses and hats.' },
      {
        kind: 'review',
        title: 'Submit',
        text: 'Submit your photos. Veriff usually decides within minutes.',
      },
    ],
    outcomes: [
      { label: 'Approve', state: 'VERIFIED', tone: 'approve' },
      {
        label: 'Reject',
        state: 'REJECTED',
        tone: 'reject',
        needsReason: true,
        reasons: REJECTION_REASONS,
      },
      { label: 'Submit for review (decision later)', state: 'PENDING', tone: 'wait' },
    ],
    leave: 'Leave and continue later',
  },
};
