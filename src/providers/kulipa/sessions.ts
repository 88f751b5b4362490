// How the admin API and the hosted page see a Kulipa KYC (its webview), and move it on.
import {
  withQuery,
  type HostedIdentity,
  type Kit,
  type SessionAdapter,
  type SessionView,
} from '../../engine/index.js';
import { REDIRECT_SCHEMES } from './input.js';
import { isFull, kycLifecycle, nextFor, RFI_ITEMS, statusOf } from './lifecycle.js';
import { kycById, KYCS, userById, type KulipaUser, type Kyc } from './records.js';
import { transitionKyc } from './transitions.js';
import { DOCUMENT_LABELS, identityOf } from './views.js';

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

const kindFact = (kyc: Kyc) => ({ label: 'KYC type', value: kyc.type });

/** What a full KYC's page shows: the document and details the export will report, as found. */
function documentFacts(kit: Kit, kyc: Kyc, user: KulipaUser) {
  const found = kyc.identity ?? identityOf(kit, user, kyc);
  const doc = found.identityDocument;
  const a = found.address;
  return [
    { label: 'Document', value: `${DOCUMENT_LABELS[doc.type]} ${doc.number}` },
    { label: 'Date of birth', value: found.dateOfBirth },
    { label: 'Issuing country', value: doc.countryCode ?? '—' },
    { label: 'Address', value: `${a.street1}, ${a.zipCode} ${a.city}, ${a.country}` },
    { label: 'Email', value: found.emailAddress },
    kindFact(kyc),
  ];
}

/** What an rfi's page shows: what Kulipa asks for, first, then what it already knows. */
function rfiFacts(kyc: Kyc, user: KulipaUser) {
  const asked = (kyc.requestedInformation ?? []).map((item) => RFI_ITEMS[item]).join(', ');
  const a = user.address;
  return [
    { label: 'Requested information', value: asked },
    {
      label: 'Address on file',
      value: a ? `${a.address1}, ${a.postalCode} ${a.city}, ${a.country}` : 'none',
    },
    { label: 'Email', value: user.email },
    kindFact(kyc),
  ];
}

/**
 * The person the page is for, with the facts of this KYC type: for a full KYC what the export will
 * report (seeded by the KYC id), for an rfi what is requested, for the rest what the user gave.
 */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const kyc = row as Kyc;
  const user = userById(kit, kyc.userId);
  if (!user) return { name: 'Unknown user', facts: [] };
  const name = `${user.firstName} ${user.lastName}`;
  if (isFull(kyc.type)) return { name, facts: documentFacts(kit, kyc, user) };
  if (kyc.type === 'rfi') return { name, facts: rfiFacts(kyc, user) };
  return {
    name,
    facts: [
      kindFact(kyc),
      { label: 'Country of residence', value: user.countryOfResidence },
      { label: 'Email', value: user.email },
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
  // (the form is filled in, not judged) and only a light one "full_required", which `next` takes care of.
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
        text: 'Scan a passport, national ID card or driving licence. Make sure all four corners are visible. If Kulipa requested information, upload the document it asks for (see "Requested information").',
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
      // Light KYCs only (option lightKyc=allow): "a light KYC cannot be completed and a full one is required".
      {
        label: 'Require a full KYC',
        state: 'full_required',
        tone: 'reject',
        needsReason: true,
        reasons: ['Light checks could not confirm the identity', 'Spending over the light limit'],
      },
    ],
    leave: 'Leave and finish later',
    closed: {
      full_required:
        'Kulipa could not complete this light check. Your app will ask you for a full check with your ID.',
    },
    // The policy PUT /v1/kycs applies to redirectUri, so the page never follows one it would refuse.
    redirectSchemes: REDIRECT_SCHEMES,
  },
};
