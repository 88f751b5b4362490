// How the admin API and the hosted page see a Kulipa KYC (its webview), and move it on.
import {
  withQuery,
  type HostedIdentity,
  type Kit,
  type SessionAdapter,
  type SessionView,
} from '../../engine/index.js';
import { REDIRECT_SCHEMES } from './input.js';
import { isIdentity, kycLifecycle, nextFor, statusOf } from './lifecycle.js';
import { kycById, KYCS, userById, type Kyc } from './records.js';
import { transitionKyc } from './transitions.js';
import { exportOf } from './views.js';

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const kyc = row as Kyc;
  const state = statusOf(kyc, kit.now());
  return {
    id: kyc.id,
    provider: 'kulipa',
    tenant: kit.tenant,
    state,
    subject: kyc.userId,
    url: kit.hostedUrl(kyc.id),
    redirectUri: kyc.redirectUri,
    createdAt: kyc.createdAt,
    expiresAt: kyc.expiresAt,
    link: state === 'pending' ? 'live' : state === 'expired' ? 'expired' : 'used',
    next: nextFor(kyc, kit.now()),
  };
}

/** The user's own names, and for identity KYCs what the export will report (seeded by the KYC id). */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const kyc = row as Kyc;
  const user = userById(kit, kyc.userId);
  if (!user) return { name: 'Unknown user', facts: [] };
  const name = `${user.firstName} ${user.lastName}`;
  const kind = { label: 'KYC type', value: kyc.type };
  if (!isIdentity(kyc.type))
    return {
      name,
      facts: [
        kind,
        { label: 'Country of residence', value: user.countryOfResidence },
        { label: 'Email', value: user.email },
      ],
    };
  const found = exportOf(kit, user, kyc);
  return {
    name,
    facts: [
      {
        label: 'Document',
        value: `${found.document.type.replace(/_/g, ' ')} ${found.document.number}`,
      },
      { label: 'Date of birth', value: found.identity.dateOfBirth },
      { label: 'Nationality', value: found.identity.nationality },
      { label: 'Email', value: user.email },
      kind,
    ],
  };
}

export const kulipaSessions: SessionAdapter = {
  lifecycle: kycLifecycle,
  collection: KYCS,
  view,
  transition(kit, id, to, input) {
    const kyc = kycById(kit, id)!;
    return view(kit, transitionKyc(kit, kyc, to, input.reason ?? null));
  },
  // Kulipa documents no query parameters on the redirect; the sandbox adds the KYC id and status.
  redirectFor: (_kit, v) =>
    v.redirectUri ? withQuery(v.redirectUri, { kycId: v.id, status: v.state }) : null,
  identity,
  // Kulipa's KYC webview runs Persona inside the Kulipa app; a shipping KYC only offers "verified"
  // (the form is filled in, not judged), which the `next` filter takes care of.
  hosted: {
    brand: { color: '#0f766e' },
    steps: [
      {
        kind: 'consent',
        title: 'Get started',
        text: 'Kulipa verifies your identity with Persona before issuing your card. It takes about two minutes.',
      },
      {
        kind: 'document',
        title: 'Scan your ID',
        text: 'Scan a passport, national ID card or driving licence. Make sure all four corners are visible.',
      },
      {
        kind: 'selfie',
        title: 'Selfie',
        text: 'Take a selfie so Persona can match your face to your document.',
      },
      { kind: 'review', title: 'Submit', text: 'Review your information and submit it to Kulipa.' },
    ],
    outcomes: [
      { label: 'Approve', state: 'verified', tone: 'approve' },
      {
        label: 'Decline',
        state: 'declined',
        tone: 'reject',
        needsReason: true,
        reasons: [
          'Document could not be verified',
          'Selfie does not match the document',
          'Unsupported country of residence',
        ],
      },
      { label: 'Submit for review', state: 'submitted', tone: 'wait' },
    ],
    leave: 'Leave and finish later',
    // The policy PUT /v1/kycs applies to redirectUri, so the page never follows one it would refuse.
    redirectSchemes: REDIRECT_SCHEMES,
  },
};
