// How the admin API and the hosted page see a gu1 validation, and move it on. Every move made
// here is a manual decision: it cancels the sandbox table's pending automatic outcome.
import type { Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { effectiveStatus, gu1Lifecycle, linkState, type Gu1Validation } from './lifecycle.js';
import { VALIDATIONS } from './store-names.js';
import { operatorTransition } from './validations.js';

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const v = row as Gu1Validation;
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

export const gu1Sessions: SessionAdapter = {
  lifecycle: gu1Lifecycle,
  collection: VALIDATIONS,
  view,
  transition(kit, id, to, input) {
    const v = operatorTransition(kit, id, to, input.manual ? 'manual' : 'hosted', input.reason ?? (to === 'rejected' ? 'Rejected in the sandbox' : null));
    return view(kit, v);
  },
  hosted: {
    steps: ['Accept the terms', 'Photograph your identity document', 'Take a selfie (liveness and face match)', 'Submit'],
    outcomes: [
      { label: 'Start verification', state: 'in_progress' },
      { label: 'Approve', state: 'approved' },
      { label: 'Reject', state: 'rejected' },
      { label: 'Send to compliance review', state: 'in_review' },
      { label: 'Leave without finishing', state: 'abandoned' },
    ],
  },
};
