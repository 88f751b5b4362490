// How the admin API and the hosted page see a Faceki KYC link, and move it on.
import type { HostedIdentity, Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { REDIRECT_SCHEMES } from './input.js';
import { effectiveState, facekiLifecycle, linkStatus } from './lifecycle.js';
import { workflowById } from './accounts.js';
import { LINKS, linkById, type FacekiLink } from './records.js';
import { transition } from './transitions.js';
import { documentData, linkDocuments, linkSource } from './views-records.js';
import { linkUrl } from './views.js';

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const link = row as FacekiLink;
  const now = kit.now();
  const state = effectiveState(link, now);
  return {
    id: link.id,
    provider: 'faceki',
    tenant: kit.tenant,
    state,
    subject: link.applicationId ?? link.id,
    url: linkUrl(kit, link.id),
    redirectUri: link.redirectUrl,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    link: linkStatus(link, now),
    next: facekiLifecycle.next(state),
  };
}

/** The person the record will describe: its first document, seeded by the link id as the record is. */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const link = row as FacekiLink;
  const source = { ...linkSource(kit, link), requestId: '', decision: 'ACCEPTED' as const };
  const doc = documentData(kit, source)[0]!;
  const title = (s: string) => s.toLowerCase().replace(/\b\w/g, (ch) => ch.toUpperCase());
  return {
    name: title(doc.full_name),
    facts: [
      { label: 'Document', value: `${doc.document_type_full} ${doc.document_number}` },
      { label: 'Date of birth', value: doc.date_of_birth },
      { label: 'Nationality', value: doc.nationality },
      ...(link.applicationId ? [{ label: 'Application', value: link.applicationId }] : []),
    ],
  };
}

/**
 * What the document step offers: with document_optional ("choose 1 document out of N") the link's
 * workflow documents, one to pick; otherwise nothing to choose (every required document is shown).
 */
function documentOptions(_kit: Kit, row: Record<string, unknown>): readonly string[] {
  const link = row as FacekiLink;
  if (!link.documentOptional) return [];
  return workflowById(link.workflowId)?.allowedKycDocuments ?? linkDocuments(link);
}

export const facekiSessions: SessionAdapter = {
  lifecycle: facekiLifecycle,
  collection: LINKS,
  view,
  transition(kit, id, to, input) {
    // The sessions service finds the link's tenant by id before calling, so it is this kit's.
    const link = linkById(kit, id)!;
    transition(kit, link, to, input.reason ?? null, input.choices);
    return view(kit, link);
  },
  // Faceki documents a redirect after KYC but no query parameters: the URL is used as given.
  redirectFor: (_kit, v) => v.redirectUri,
  identity,
  // Leaving the first screen marks the link OPENED (the sandbox's own state; no webhook). A decline
  // reason lands in the record's notes, so the choices read like Faceki's result codes.
  hosted: {
    brand: { color: '#ea580c' },
    start: 'OPENED',
    steps: [
      {
        kind: 'consent',
        title: 'Welcome',
        text: 'Faceki verifies your identity in under a minute: one document and a liveness selfie.',
      },
      {
        kind: 'document',
        title: 'Scan document',
        text: 'Hold your passport, ID card or driving licence (as your workflow allows) inside the frame.',
        choose: { field: 'document', label: 'Document to show', options: documentOptions },
      },
      {
        kind: 'selfie',
        title: 'Liveness check',
        text: 'Look straight at the camera and turn your head slowly when asked.',
      },
      { kind: 'review', title: 'Submit', text: 'Confirm the extracted details and submit.' },
    ],
    outcomes: [
      { label: 'Accept', state: 'ACCEPTED', tone: 'approve' },
      {
        label: 'Decline',
        state: 'DECLINED',
        tone: 'reject',
        needsReason: true,
        reasons: ['DOCUMENT_FACE_MATCH_FAILED', 'LIVENESS_CHECK_FAILED', 'DOCUMENT_EXPIRED'],
      },
      { label: 'Send to manual review', state: 'REVIEW', tone: 'review' },
      { label: 'Submit and wait for a decision', state: 'SUBMITTED', tone: 'wait' },
    ],
    leave: 'Leave and finish later',
    // The policy the link request's redirect_url passed at creation (input.ts).
    redirectSchemes: REDIRECT_SCHEMES,
  },
};
