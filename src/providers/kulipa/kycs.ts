// Kulipa KYCs: the record, its lifecycle and the side effects of each move. Kulipa documents no KYC
// status names; the sandbox uses pending → submitted → verified | declined, and expired, computed
// on read from expiresAt (no timer), so moving the clock expires a webview at once.
import { defineLifecycle, SandboxError, type Kit } from '../../engine/index.js';
import { setUserStatus, USERS, userView, type KulipaUser } from './users.js';
import { emit } from './webhooks.js';

export const KYCS = 'kycs';

export const kycLifecycle = defineLifecycle({
  states: ['pending', 'submitted', 'verified', 'declined', 'expired'] as const,
  initial: 'pending',
  transitions: {
    pending: ['submitted', 'verified', 'declined', 'expired'],
    submitted: ['verified', 'declined'],
  },
});

export type KycStatus = (typeof kycLifecycle.states)[number];
export type KycType = 'full' | 'shipping' | 'rfi' | 'light';

export interface Kyc extends Record<string, unknown> {
  id: string;
  userId: string;
  type: KycType;
  status: KycStatus;
  redirectUri: string | null;
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  submittedAt: string | null;
  completedAt: string | null;
}

/** The stored status, except that a pending KYC past its expiry reads as expired. */
export const statusOf = (kyc: Kyc, now: number): KycStatus =>
  kyc.status === 'pending' && now >= Date.parse(kyc.expiresAt) ? 'expired' : kyc.status;

/** Identity KYCs (full, light) make the user active; a shipping form can only be filled in. */
export const isIdentity = (type: KycType) => type === 'full' || type === 'light';

export function nextFor(kyc: Kyc, now: number): readonly KycStatus[] {
  const next = kycLifecycle.next(statusOf(kyc, now));
  return kyc.type === 'shipping' ? next.filter((s) => s === 'verified' || s === 'expired') : next;
}

export function kycView(kit: Kit, kyc: Kyc) {
  return { ...kyc, status: statusOf(kyc, kit.now()), url: kit.hostedUrl(kyc.id) };
}

function completeShipping(kit: Kit, kyc: Kyc, user: KulipaUser) {
  // The person types a shipping address in the webview; the sandbox fills one in, seeded by the KYC id.
  const address = kit.fake(`kulipa:shipping:${kyc.id}`, (f) => ({
    address1: f.location.streetAddress(),
    postalCode: f.location.zipCode(),
    city: f.location.city(),
    country: user.countryOfResidence,
  }));
  user.shippingAddress = {
    address,
    ...(user.phone ? { phone: `${user.phone.country}${user.phone.number}` } : {}),
  };
  user.updatedAt = kit.iso();
}

/** Applies a move with its side effects (user status, shipping address, webhooks). */
export function transitionKyc(kit: Kit, kyc: Kyc, to: string, reason: string | null): Kyc {
  const from = statusOf(kyc, kit.now());
  const allowed = nextFor(kyc, kit.now());
  if (!kycLifecycle.isState(to) || !allowed.includes(to)) {
    throw new SandboxError(
      409,
      'illegal_transition',
      `Kulipa ${kyc.type} KYC cannot move from ${from} to ${to}`,
      `allowed from ${from}: ${allowed.join(', ') || 'none (final)'}`,
    );
  }
  const now = kit.iso();
  const user = kit.ns.get<KulipaUser>(USERS, kyc.userId)!;
  const kycEvent = (event: 'kyc.submitted' | 'kyc.verified' | 'kyc.declined' | 'kyc.expired') =>
    emit(kit, event, { userId: kyc.userId, targetId: kyc.id, data: kycView(kit, kyc) });
  kyc.updatedAt = now;
  // Leaving the webview is a submission: its event goes first and shows the KYC as submitted.
  if (from === 'pending' && to !== 'expired') {
    Object.assign(kyc, { status: 'submitted', submittedAt: now });
    kycEvent('kyc.submitted');
  }
  kyc.status = to;
  if (to === 'expired') {
    kyc.expiresAt = now;
    kycEvent('kyc.expired');
  }
  if (to === 'verified' || to === 'declined') kyc.completedAt = now;
  if (to === 'declined') {
    kyc.declineReason = reason ?? 'Declined in the sandbox';
    kycEvent('kyc.declined');
  }
  if (to === 'verified') {
    if (kyc.type === 'shipping') completeShipping(kit, kyc, user);
    kycEvent('kyc.verified');
    if (isIdentity(kyc.type) && user.status === 'unverified') {
      setUserStatus(kit, user, 'active');
      user.legalName = { firstName: user.firstName, lastName: user.lastName };
      emit(kit, 'user.activated', { userId: user.id, targetId: user.id, data: userView(user) });
    }
  }
  return kyc;
}
