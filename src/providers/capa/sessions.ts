// How the admin API and the hosted page see a Capa verification link, and move it on.
import type { Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { capaLifecycle, linkState, type CapaLink, type CapaUser } from './lifecycle.js';
import { LINKS, transition, USERS } from './verification.js';

function view(kit: Kit, row: Record<string, unknown>): SessionView {
  const link = row as CapaLink;
  const user = kit.ns.get<CapaUser>(USERS, link.userId);
  const state = user?.[link.kind].status ?? 'NOT_STARTED';
  return {
    id: link.id,
    provider: 'capa',
    tenant: kit.tenant,
    state,
    subject: link.userId,
    url: kit.hostedUrl(link.id),
    redirectUri: link.redirectUri,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    link: linkState(link, user, kit.now()),
    next: capaLifecycle.next(state),
  };
}

export const capaSessions: SessionAdapter = {
  lifecycle: capaLifecycle,
  collection: LINKS,
  view,
  transition(kit, id, to, input) {
    const link = kit.ns.get<CapaLink>(LINKS, id)!;
    const user = kit.ns.get<CapaUser>(USERS, link.userId)!;
    transition(kit, user, link.kind, to, input.reason ?? (to === 'REJECTED' ? 'Rejected in the sandbox' : null));
    return view(kit, link);
  },
  // Capa documents no query parameters on the redirect; the sandbox adds the user and the outcome.
  redirectFor(_kit, v) {
    if (!v.redirectUri) return null;
    const sep = v.redirectUri.includes('?') ? '&' : '?';
    return `${v.redirectUri}${sep}userId=${encodeURIComponent(v.subject)}&status=${encodeURIComponent(v.state)}`;
  },
  hosted: {
    steps: ['Consent to the identity check', 'Photograph an identity document', 'Take a selfie', 'Submit'],
    outcomes: [
      { label: 'Approve', state: 'VERIFIED' },
      { label: 'Reject', state: 'REJECTED' },
      { label: 'Send to manual review', state: 'REVIEW_NEEDED' },
    ],
  },
};
