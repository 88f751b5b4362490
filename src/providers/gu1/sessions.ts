// How the admin API and the hosted page see a gu1 validation, and move it on (a manual decision).
import type { HostedIdentity, Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { effectiveStatus, gu1Lifecycle, linkState } from './lifecycle.js';
import { asValidation, VALIDATIONS, type Gu1Validation } from './records.js';
import { operatorTransition } from './transitions.js';
import { validationView } from './views.js';

// Every move made here is a manual decision: it cancels the sandbox table's pending automatic
// outcome (transitions.ts, applyStatus).

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const v = asValidation(row);
  const now = kit.now();
  // Read-only: shows what the next gu1 request will settle, without sending its webhooks.
  const state = effectiveStatus(v, now);
  return {
    id: v.id,
    provider: 'gu1',
    tenant: kit.tenant,
    state,
    subject: v.entityId,
    url: kit.hostedUrl(v.id),
    redirectUri: null,
    createdAt: v.createdAt,
    expiresAt: v.expiresAt,
    link: linkState(v, now),
    next: gu1Lifecycle.next(state),
  };
}

/** The extracted data gu1 will report once approved (seeded by the validation id, names from the entity). */
function identity(kit: Kit, row: Record<string, unknown>): HostedIdentity {
  const v = asValidation(row);
  const done: Gu1Validation = {
    ...v,
    status: 'approved',
    outcome: null,
    completedAt: v.completedAt ?? v.createdAt,
  };
  const data = validationView(kit, done).extractedData!;
  return {
    name: data.fullName,
    facts: [
      {
        label: 'Document',
        value: `${data.documentType.replace(/_/g, ' ')} ${data.documentNumber}`,
      },
      { label: 'Date of birth', value: data.dateOfBirth },
      { label: 'Nationality', value: data.nationality },
      { label: 'Address', value: data.address },
    ],
  };
}

export const gu1Sessions: SessionAdapter = {
  lifecycle: gu1Lifecycle,
  collection: VALIDATIONS,
  view,
  transition(kit, id, to, input) {
    const v = operatorTransition(
      kit,
      id,
      to,
      input.manual ? 'manual' : 'hosted',
      input.reason ?? (to === 'rejected' ? 'Rejected in the sandbox' : null),
    );
    return view(kit, v);
  },
  identity,
  // Accepting the terms starts the session (pending → in_progress, with its webhook); gu1 has a
  // real "abandoned" state, so leaving is an outcome. gu1 documents no redirect: the page thanks.
  hosted: {
    brand: { color: '#2563eb' },
    start: 'in_progress',
    steps: [
      {
        kind: 'consent',
        title: 'Terms',
        text: 'gu1 verifies your identity for the company that sent you this link, with your ID and a selfie.',
      },
      {
        kind: 'document',
        title: 'Identity document',
        text: 'Photograph the front and back of your DNI, national ID or passport.',
      },
      {
        kind: 'selfie',
        title: 'Selfie',
        text: 'A liveness check and face match against your document.',
      },
      { kind: 'review', title: 'Submit', text: 'Review and send your verification.' },
    ],
    outcomes: [
      { label: 'Approve', state: 'approved', tone: 'approve' },
      {
        label: 'Reject',
        state: 'rejected',
        tone: 'reject',
        needsReason: true,
        reasons: ['Low face match similarity', 'Document expired', 'RENAPER data mismatch'],
      },
      { label: 'Send to compliance review', state: 'in_review', tone: 'review' },
      { label: 'Leave without finishing', state: 'abandoned', tone: 'abandon' },
    ],
    closed: {
      cancelled: 'The company that sent you this link cancelled the verification.',
      abandoned: 'This verification was left unfinished. Ask for a new link to try again.',
    },
  },
};
