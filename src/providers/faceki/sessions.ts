// How the admin API and the hosted page see a Faceki KYC link, and move it on.
import type { Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { effectiveState, facekiLifecycle, linkStatus, type FacekiLink } from './lifecycle.js';
import { LINKS, transition } from './verification.js';

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
    url: kit.hostedUrl(link.id),
    redirectUri: link.redirectUrl,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    link: linkStatus(link, now),
    next: facekiLifecycle.next(state),
  };
}

export const facekiSessions: SessionAdapter = {
  lifecycle: facekiLifecycle,
  collection: LINKS,
  view,
  transition(kit, id, to, input) {
    const link = kit.ns.get<FacekiLink>(LINKS, id)!;
    transition(kit, link, to, input.reason ?? null);
    return view(kit, link);
  },
  // Faceki documents a redirect after KYC but no query parameters: the URL is used as given.
  redirectFor: (_kit, v) => v.redirectUri,
  hosted: {
    steps: ['Choose an identity document', 'Photograph the document', 'Take a selfie (liveness check)', 'Submit'],
    outcomes: [
      { label: 'Accept', state: 'ACCEPTED' },
      { label: 'Decline', state: 'DECLINED' },
      { label: 'Send to manual review', state: 'REVIEW' },
      { label: 'Submit and wait for a decision', state: 'SUBMITTED' },
    ],
  },
};
