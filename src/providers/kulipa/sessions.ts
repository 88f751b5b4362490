// How the admin API and the hosted page see a Kulipa KYC (its webview), and move it on.
import type { Kit, SessionAdapter, SessionView } from '../../engine/index.js';
import { KYCS, kycLifecycle, nextFor, statusOf, transitionKyc, type Kyc } from './kycs.js';

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

export const kulipaSessions: SessionAdapter = {
  lifecycle: kycLifecycle,
  collection: KYCS,
  view,
  transition(kit, id, to, input) {
    const kyc = kit.ns.get<Kyc>(KYCS, id)!;
    return view(kit, transitionKyc(kit, kyc, to, input.reason ?? null));
  },
  // Kulipa documents no query parameters on the redirect; the sandbox adds the KYC id and status.
  redirectFor(_kit, v) {
    if (!v.redirectUri) return null;
    const sep = v.redirectUri.includes('?') ? '&' : '?';
    return `${v.redirectUri}${sep}kycId=${encodeURIComponent(v.id)}&status=${encodeURIComponent(v.state)}`;
  },
  hosted: {
    steps: ['Review what Kulipa asks for (identity, shipping address or extra information)', 'Scan an identity document or fill in the form', 'Submit'],
    outcomes: [
      { label: 'Approve', state: 'verified' },
      { label: 'Decline', state: 'declined' },
      { label: 'Submit for review', state: 'submitted' },
    ],
  },
};
