// How the admin API and the hosted page see a Capa verification link, and move it on.
import {
  withQuery,
  type HostedIdentity,
  type Kit,
  type SessionAdapter,
  type SessionView,
} from '../../engine/index.js';
import { REDIRECT_SCHEMES } from './input.js';
import { capaLifecycle, linkState, linkTtl } from './lifecycle.js';
import { LINKS, linkById, userById, type CapaLink } from './records.js';
import { transition } from './transitions.js';
import { business, kycDetails, REASONS } from './views-details.js';

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const link = row as CapaLink;
  const user = userById(kit, link.userId);
  const state = user?.[link.kind].status ?? 'NOT_STARTED';
  const ttl = linkTtl(kit);
  return {
    id: link.id,
    provider: 'capa',
    tenant: kit.tenant,
    state,
    subject: link.userId,
    url: kit.hostedUrl(link.id),
    redirectUri: link.redirectUri,
    createdAt: kit.iso(link.createdAt),
    expiresAt: kit.iso(link.createdAt + ttl),
    link: linkState(link, user?.[link.kind].linkId, kit.now(), ttl),
    next: capaLifecycle.next(state),
  };
}

/**
 * The person (or business) the page shows: what the details endpoints will return once submitted,
 * read from them with the verification marked done, so the page and the API name the same identity.
 */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const link = row as CapaLink;
  const user = userById(kit, link.userId);
  if (!user) return { name: 'Unknown user', facts: [] };
  const done = { ...user[link.kind], status: 'VERIFIED' as const, country: link.country };
  if (link.kind === 'kyb') {
    const { businessInfo, beneficialOwners } = business(kit, { ...user, kyb: done });
    return {
      name: businessInfo.businessName,
      facts: [
        { label: 'Tax ID', value: businessInfo.taxId },
        { label: 'Country of constitution', value: link.country },
        {
          label: 'Beneficial owners',
          value: beneficialOwners.map((o) => `${o.fullName} (${o.ownershipPercent} %)`).join(', '),
        },
        { label: 'Contact', value: user.email },
      ],
    };
  }
  const id = kycDetails(kit, { ...user, kyc: done }).idInfo!;
  return {
    name: id.fullName,
    facts: [
      { label: 'Document', value: `${id.idType} ${id.idNumber}` },
      { label: 'Date of birth', value: id.birthDate },
      { label: 'Nationality', value: link.country },
      { label: 'Email', value: user.email },
    ],
  };
}

export const capaSessions: SessionAdapter = {
  lifecycle: capaLifecycle,
  collection: LINKS,
  view,
  transition(kit, id, to, input) {
    const link = linkById(kit, id)!;
    const user = userById(kit, link.userId)!;
    transition(
      kit,
      user,
      link.kind,
      to,
      input.reason ?? (to === 'REJECTED' ? 'Rejected in the sandbox' : null),
    );
    return view(kit, link);
  },
  // Capa documents no query parameters on the redirect; the sandbox adds the user and the outcome.
  redirectFor: (_kit, v) =>
    v.redirectUri ? withQuery(v.redirectUri, { userId: v.subject, status: v.state }) : null,
  identity,
  // Capa's link opens its KYC provider's flow (AiPrise, per the details' aipriseSummary); the link
  // is created IN_PROGRESS, so no start state. Each reason lands in the details as a {code, message}
  // on the check it concerns (fixtures/capa/reasons.json).
  hosted: {
    brand: { color: '#4f46e5' },
    steps: [
      {
        kind: 'consent',
        title: 'Consent',
        text: 'Capa checks your identity once, with your document and a selfie, to open your account.',
      },
      {
        kind: 'document',
        title: 'Identity document',
        text: 'Photograph the front and back of your ID card, passport or driving licence.',
      },
      {
        kind: 'selfie',
        title: 'Selfie',
        text: 'Take a short selfie so your face can be matched to the document.',
      },
      {
        kind: 'review',
        title: 'Submit',
        text: 'Check your details, then submit them for verification.',
      },
    ],
    outcomes: [
      { label: 'Approve', state: 'VERIFIED', tone: 'approve' },
      {
        label: 'Reject',
        state: 'REJECTED',
        tone: 'reject',
        needsReason: true,
        reasons: REASONS.REJECTED.map((r) => r.message),
      },
      {
        label: 'Send to manual review',
        state: 'REVIEW_NEEDED',
        tone: 'review',
        needsReason: true,
        reasons: REASONS.REVIEW_NEEDED.map((r) => r.message),
      },
    ],
    leave: 'Leave and finish later',
    // The policy the link endpoint applies to partnerRedirectUri, so the two cannot disagree.
    redirectSchemes: REDIRECT_SCHEMES,
  },
};
