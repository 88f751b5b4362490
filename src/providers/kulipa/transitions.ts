// Kulipa's moves with side effects: new users, KYC starts and decisions, operator user moves.
import type { Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  initialUserStatus,
  isIdentity,
  kycLifecycle,
  nextFor,
  optionsOf,
  statusOf,
  userLifecycle,
  type KycType,
  type UserStatus,
} from './lifecycle.js';
import {
  listKycs,
  listUsers,
  saveKyc,
  saveUser,
  userById,
  type KulipaUser,
  type Kyc,
  type UserInput,
} from './records.js';
import { kycView, userView } from './views.js';
import { emit, type KulipaEvent } from './webhooks.js';

/** A new user of this key; the same phone or email (any case) again → 409 duplicate_user_error. */
export function createUser(kit: Kit, input: UserInput): KulipaUser {
  const { phone, email } = input;
  const users = listUsers(kit);
  if (
    phone &&
    users.some((u) => u.phone?.country === phone.country && u.phone.number === phone.number)
  )
    throw fail('DUPLICATE_USER_PHONE');
  if (users.some((u) => u.email.toLowerCase() === email.toLowerCase()))
    throw fail('DUPLICATE_USER_EMAIL');
  const now = kit.iso();
  const { companyId, wallet, ...named } = input;
  return saveUser(kit, {
    id: `usr-${kit.ids.uuid('user')}`,
    status: initialUserStatus(email),
    ...named,
    legalName: null,
    companyId,
    wallet,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Initiate KYC with PUT semantics: while a webview of this type is still open, the same KYC comes
 * back (with a new redirect URI, if one is given); a KYC of this type under review refuses a new one.
 */
export function startKyc(
  kit: Kit,
  userId: string,
  type: KycType,
  redirectUri: string | null,
): { kyc: Kyc; created: boolean } {
  const now = kit.now();
  const same = listKycs(kit).filter((k) => k.userId === userId && k.type === type);
  if (same.some((k) => statusOf(k, now) === 'submitted'))
    throw fail('KYC_IN_REVIEW', { vars: { type } });
  const open = same.find((k) => statusOf(k, now) === 'pending');
  if (open) {
    if (redirectUri !== null && redirectUri !== open.redirectUri)
      Object.assign(open, { redirectUri, updatedAt: kit.iso(now) });
    return { kyc: open, created: false };
  }
  const kyc = saveKyc(kit, {
    id: `kyc-${kit.ids.uuid('kyc')}`,
    userId,
    type,
    status: 'pending',
    redirectUri,
    declineReason: null,
    createdAt: kit.iso(now),
    updatedAt: kit.iso(now),
    expiresAt: kit.iso(now + optionsOf(kit).kycTtl),
    submittedAt: null,
    completedAt: null,
  });
  return { kyc, created: true };
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

/** What a verified KYC does: a shipping address, or an unverified user made active. */
function verify(kit: Kit, kyc: Kyc, user: KulipaUser) {
  if (kyc.type === 'shipping') completeShipping(kit, kyc, user);
  emit(kit, 'kyc.verified', { userId: kyc.userId, targetId: kyc.id, data: kycView(kit, kyc) });
  if (isIdentity(kyc.type) && user.status === 'unverified') {
    setUserStatus(kit, user, 'active');
    user.legalName = { firstName: user.firstName, lastName: user.lastName };
    emit(kit, 'user.activated', { userId: user.id, targetId: user.id, data: userView(user) });
  }
}

/** Applies a move with its side effects (user status, shipping address, webhooks). */
export function transitionKyc(kit: Kit, kyc: Kyc, to: string, reason: string | null): Kyc {
  const from = statusOf(kyc, kit.now());
  const target = kycLifecycle.guard(`Kulipa ${kyc.type} KYC`, from, to, nextFor(kyc, kit.now()));
  const now = kit.iso();
  const user = userById(kit, kyc.userId)!;
  const kycEvent = (event: 'kyc.submitted' | 'kyc.expired' | 'kyc.declined') =>
    emit(kit, event, { userId: kyc.userId, targetId: kyc.id, data: kycView(kit, kyc) });
  kyc.updatedAt = now;
  // Leaving the webview is a submission: its event goes first and shows the KYC as submitted.
  if (from === 'pending' && target !== 'expired') {
    Object.assign(kyc, { status: 'submitted', submittedAt: now });
    kycEvent('kyc.submitted');
  }
  kyc.status = target;
  if (target === 'expired') {
    kyc.expiresAt = now;
    kycEvent('kyc.expired');
  }
  if (target === 'verified' || target === 'declined') kyc.completedAt = now;
  if (target === 'declined') {
    kyc.declineReason = reason ?? 'Declined in the sandbox';
    kycEvent('kyc.declined');
  }
  if (target === 'verified') verify(kit, kyc, user);
  return kyc;
}

/** Moves a user's status; a move the machine forbids is a sandbox 409 with the allowed moves. */
export function setUserStatus(kit: Kit, user: KulipaUser, to: string): KulipaUser {
  user.status = userLifecycle.guard(`Kulipa user ${user.id}`, user.status, to);
  user.updatedAt = kit.iso();
  return user;
}

const USER_EVENT: Partial<Record<UserStatus, KulipaEvent>> = {
  active: 'user.activated',
  frozen: 'user.frozen',
  disabled: 'user.disabled',
  deleted: 'user.deleted',
};

/** An operator's move of a user (as Kulipa's back office would), with its webhook. */
export function moveUser(kit: Kit, user: KulipaUser, to: string): KulipaUser {
  setUserStatus(kit, user, to);
  const event = USER_EVENT[user.status];
  if (event) emit(kit, event, { userId: user.id, targetId: user.id, data: userView(user) });
  return user;
}
