// Kulipa's moves with side effects: new users, KYC starts and decisions, operator user moves.
import type { Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  checkUpdatable,
  DEFAULT_RFI,
  hasUndergoneKyc,
  initialUserStatus,
  isFull,
  isIdentity,
  kycLifecycle,
  nextFor,
  optionsOf,
  statusOf,
  userLifecycle,
  type KycType,
  type RfiItem,
  type UserStatus,
} from './lifecycle.js';
import {
  kycsOfUser,
  saveKyc,
  saveUser,
  userById,
  userWithEmail,
  userWithPhone,
  type Address,
  type KulipaUser,
  type Kyc,
  type UserInput,
} from './records.js';
import { identityOf, kycView, userView } from './views.js';
import { emit, type KulipaEvent } from './webhooks.js';

/** Another user of this key with this phone → 409 duplicate_user_error (docs FAQ). */
function checkPhoneFree(kit: Kit, phone: UserInput['phone'], self?: string) {
  const holder = phone ? userWithPhone(kit, phone) : undefined;
  if (holder && holder.id !== self) throw fail('DUPLICATE_USER_PHONE');
}

/** Another user of this key with this email, in any case → 409 duplicate_user_error. */
function checkEmailFree(kit: Kit, email: string, self?: string) {
  const holder = userWithEmail(kit, email);
  if (holder && holder.id !== self) throw fail('DUPLICATE_USER_EMAIL');
}

/** A new user of this key; the same phone or email (any case) again → 409 duplicate_user_error. */
export function createUser(kit: Kit, input: UserInput): KulipaUser {
  const { phone, email } = input;
  checkPhoneFree(kit, phone);
  checkEmailFree(kit, email);
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
  user: KulipaUser,
  type: KycType,
  redirectUri: string | null,
): { kyc: Kyc; created: boolean } {
  const now = kit.now();
  const userId = user.id;
  const same = kycsOfUser(kit, userId).filter((k) => k.type === type);
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
    // An rfi asks what Kulipa's compliance asked for (an operator's request), else the docs' example.
    requestedInformation: type === 'rfi' ? [...(user.informationRequest ?? DEFAULT_RFI)] : null,
    declineReason: null,
    createdAt: kit.iso(now),
    updatedAt: kit.iso(now),
    expiresAt: kit.iso(now + optionsOf(kit).kycTtl),
    submittedAt: null,
    completedAt: null,
  });
  return { kyc, created: true };
}

/** A fresh address in the user's country, as the person types it in the webview (seeded by the KYC id). */
const typedAddress = (kit: Kit, kyc: Kyc, user: KulipaUser, purpose: string): Address =>
  kit.fake(`kulipa:${purpose}:${kyc.id}`, (f) => ({
    address1: f.location.streetAddress(),
    postalCode: f.location.zipCode(),
    city: f.location.city(),
    country: user.countryOfResidence,
  }));

function completeShipping(kit: Kit, kyc: Kyc, user: KulipaUser) {
  user.shippingAddress = {
    address: typedAddress(kit, kyc, user, 'shipping'),
    ...(user.phone ? { phone: `${user.phone.country}${user.phone.number}` } : {}),
  };
  user.updatedAt = kit.iso();
}

/**
 * An rfi answered: the request is met. A proof of address is the "new KYC process" the docs ask of a
 * KYC'd user who moves, so the address on the proof becomes the user's address.
 */
function completeRfi(kit: Kit, kyc: Kyc, user: KulipaUser) {
  if (kyc.requestedInformation?.includes('proof_of_address'))
    user.address = typedAddress(kit, kyc, user, 'rfi');
  user.informationRequest = null;
  user.updatedAt = kit.iso();
}

/**
 * What a verified KYC does: a shipping address, an rfi met, or an identity verified (the user made
 * active; a full KYC after a light one is the upgrade, the user already active).
 */
function verify(kit: Kit, kyc: Kyc, user: KulipaUser) {
  if (kyc.type === 'shipping') completeShipping(kit, kyc, user);
  if (kyc.type === 'rfi') completeRfi(kit, kyc, user);
  // The export reports what this check found, even if the user's details change later.
  if (isFull(kyc.type)) kyc.identity = identityOf(kit, user, kyc);
  emit(kit, 'kyc.verified', { userId: kyc.userId, targetId: kyc.id, data: kycView(kit, kyc) });
  if (!isIdentity(kyc.type)) return;
  user.legalName = { firstName: user.firstName, lastName: user.lastName };
  user.updatedAt = kit.iso();
  if (user.status === 'unverified') {
    setUserStatus(kit, user, 'active');
    emit(kit, 'user.activated', { userId: user.id, targetId: user.id, data: userView(user) });
  }
}

/** Applies a move with its side effects (user status, shipping address, webhooks). */
export function transitionKyc(kit: Kit, kyc: Kyc, to: string, reason: string | null): Kyc {
  const from = statusOf(kyc, kit.now());
  const target = kycLifecycle.guard(`Kulipa ${kyc.type} KYC`, from, to, nextFor(kyc, kit.now()));
  const now = kit.iso();
  const user = userById(kit, kyc.userId)!;
  const kycEvent = (
    event: 'kyc.submitted' | 'kyc.expired' | 'kyc.declined' | 'kyc.full_required',
  ) => emit(kit, event, { userId: kyc.userId, targetId: kyc.id, data: kycView(kit, kyc) });
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
  if (target === 'verified' || target === 'declined' || target === 'full_required')
    kyc.completedAt = now;
  if (target === 'declined') {
    kyc.declineReason = reason ?? 'Declined in the sandbox';
    kycEvent('kyc.declined');
  }
  // A light KYC that cannot be completed: the user stays unverified until a full KYC passes.
  if (target === 'full_required') {
    kyc.declineReason = reason ?? 'A full KYC is required';
    kycEvent('kyc.full_required');
  }
  if (target === 'verified') verify(kit, kyc, user);
  saveUser(kit, user);
  return saveKyc(kit, kyc);
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

/** An operator's information request (Kulipa's compliance asking): the next rfi KYC asks for these. */
export function requestInformation(kit: Kit, user: KulipaUser, items: RfiItem[]): KulipaUser {
  user.informationRequest = [...new Set(items)];
  user.updatedAt = kit.iso();
  return saveUser(kit, user);
}

/** The user update endpoints' one write: the status rule first, then the change, then updatedAt. */
function update(kit: Kit, user: KulipaUser, change: (u: KulipaUser) => void): KulipaUser {
  checkUpdatable(user);
  change(user);
  user.updatedAt = kit.iso();
  return saveUser(kit, user);
}

/**
 * PUT /v1/users/{userId}/address. Docs: "Only users who are exempt from KYC can update their address
 * directly. Users who have undergone KYC must complete a new KYC process to update their address."
 */
export const setUserAddress = (kit: Kit, user: KulipaUser, address: Address) =>
  update(kit, user, (u) => {
    if (hasUndergoneKyc(kycsOfUser(kit, u.id), u.id)) throw fail('ADDRESS_UPDATE_NEEDS_KYC');
    u.address = address;
  });

/** PUT /v1/users/{userId}/phone-number: the partner has verified the phone (docs FAQ); unique per key. */
export const setUserPhone = (kit: Kit, user: KulipaUser, phone: NonNullable<UserInput['phone']>) =>
  update(kit, user, (u) => {
    checkPhoneFree(kit, phone, u.id);
    u.phone = phone;
  });

/** PUT /v1/users/{userId}/email: unique per key, in any case. */
export const setUserEmail = (kit: Kit, user: KulipaUser, email: string) =>
  update(kit, user, (u) => {
    checkEmailFree(kit, email, u.id);
    u.email = email;
  });

/** PUT /v1/users/{userId}/shipping-address: what a shipping KYC would collect, set directly. */
export const setUserShipping = (
  kit: Kit,
  user: KulipaUser,
  shipping: NonNullable<UserInput['shippingAddress']>,
) =>
  update(kit, user, (u) => {
    u.shippingAddress = shipping;
  });
