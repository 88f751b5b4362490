// Kulipa's records: types, collections and typed accessors (the only file naming a collection).
import { requireOwned, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import type { KycStatus, KycType, RfiItem, UserStatus } from './lifecycle.js';

// Snapshots show these names (`users`, `kycs`); "_" collections are per-tenant singletons.
const USERS = 'users';
export const KYCS = 'kycs';
const WEBHOOKS = '_webhooks';
const IDEMPOTENCY = '_idempotency';
// Lookup rows, so a create costs the same however many users and KYCs the key holds: a user's
// email (lower-cased) and phone → its id, and a user's KYC ids in creation order.
const BY_EMAIL = '_userByEmail';
const BY_PHONE = '_userByPhone';
const KYCS_OF_USER = '_kycsOfUser';

export interface Address {
  address1: string;
  address2?: string;
  postalCode: string;
  city: string;
  country: string;
  state?: string;
}

/** What a user is made of at creation (POST /v1/users). */
export interface UserInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: { country: string; number: string } | null;
  dateOfBirth: string | null;
  countryOfBirth: string | null;
  countryOfResidence: string;
  address: Address | null;
  shippingAddress: { address: Address; phone?: string } | null;
  companyId: string | null;
  wallet: { blockchain: string; withdrawalAddress: string } | null;
}

export interface KulipaUser extends UserInput, Record<string, unknown> {
  id: string;
  status: UserStatus;
  legalName: { firstName: string; lastName: string } | null;
  /** What Kulipa's compliance asks of this user (an operator's information request); not in the body. */
  informationRequest?: RfiItem[] | null;
  createdAt: string;
  updatedAt: string;
}

export type DocumentType = 'passport' | 'id_card' | 'driving_licence';

/**
 * What the identity check found (the export's documented fields, images aside): made when the page
 * opens and kept on the KYC once verified, so later user updates do not rewrite what was verified.
 */
export interface KycIdentity {
  name: { first: string; middle: string | null; last: string };
  emailAddress: string;
  phoneNumber: string | null;
  dateOfBirth: string;
  address: {
    street1: string;
    street2: string | null;
    city: string;
    state: string | null;
    zipCode: string;
    country: string;
  };
  identityDocument: {
    countryCode: string | null;
    type: DocumentType;
    number: string;
    issuedDate: string | null;
  };
}

export interface Kyc extends Record<string, unknown> {
  id: string;
  userId: string;
  type: KycType;
  status: KycStatus;
  redirectUri: string | null;
  /** rfi only: what the person is asked to provide (e.g. proof_of_address). */
  requestedInformation: RfiItem[] | null;
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  submittedAt: string | null;
  completedAt: string | null;
  /** Full KYCs, once verified: the identity the export reports. */
  identity?: KycIdentity | null;
}

export interface WebhookSettings extends Record<string, unknown> {
  url: string | null;
  updatedAt: string | null;
}

export interface WebhookKey extends Record<string, unknown> {
  id: string;
  algorithm: 'ECDSA_SHA_256';
  publicKey: string;
  privateKey: string;
  createdAt: string;
  updatedAt: string;
}

/** A request stored under its x-idempotency-key: running, or done with the answer to replay. */
export interface IdempotencyEntry extends Record<string, unknown> {
  fingerprint: string;
  state: 'running' | 'done';
  status: number;
  body: string;
  storedAt: number;
}

// Users: this key's own; another key's id → 403, an id nobody owns → 404.
export const listUsers = (kit: Kit) => kit.ns.list<KulipaUser>(USERS);
export const userById = (kit: Kit, id: string) => kit.ns.get<KulipaUser>(USERS, id);

type Key = { key: string; id: string };
const emailKey = (email: string) => email.toLowerCase();
const phoneKey = (phone: NonNullable<UserInput['phone']>) => `${phone.country} ${phone.number}`;

/**
 * Saves a user and points its email and phone at it. Every change of either is saved here, and no
 * two users of a key share one, so a row whose user no longer has that value is simply stale.
 */
export function saveUser(kit: Kit, user: KulipaUser) {
  const email = emailKey(user.email);
  kit.ns.put<Key>(BY_EMAIL, email, { key: email, id: user.id });
  if (user.phone) {
    const phone = phoneKey(user.phone);
    kit.ns.put<Key>(BY_PHONE, phone, { key: phone, id: user.id });
  }
  return kit.ns.put(USERS, user.id, user);
}

/** The user of this key whose email is this one, in any case. */
export function userWithEmail(kit: Kit, email: string) {
  const key = emailKey(email);
  const user = userById(kit, kit.ns.get<Key>(BY_EMAIL, key)?.id ?? '');
  return user && emailKey(user.email) === key ? user : undefined;
}

/** The user of this key with this phone (country code and number). */
export function userWithPhone(kit: Kit, phone: NonNullable<UserInput['phone']>) {
  const user = userById(kit, kit.ns.get<Key>(BY_PHONE, phoneKey(phone))?.id ?? '');
  return user?.phone && phoneKey(user.phone) === phoneKey(phone) ? user : undefined;
}
export const ownedUser = (kit: Kit, id: string) =>
  requireOwned<KulipaUser>(kit, USERS, id, {
    unknown: () => fail('USER_NOT_FOUND'),
    foreign: () => fail('FORBIDDEN_USER'),
  });

// KYCs, the same way.
export const kycById = (kit: Kit, id: string) => kit.ns.get<Kyc>(KYCS, id);

/** Saves a KYC; a new one joins its user's list. */
export function saveKyc(kit: Kit, kyc: Kyc) {
  if (!kycById(kit, kyc.id)) {
    const row = kit.ns.get<{ userId: string; ids: string[] }>(KYCS_OF_USER, kyc.userId);
    if (row) row.ids.push(kyc.id);
    else kit.ns.put(KYCS_OF_USER, kyc.userId, { userId: kyc.userId, ids: [kyc.id] });
  }
  return kit.ns.put(KYCS, kyc.id, kyc);
}

/** A user's KYCs, oldest first (the order the key's KYC list has them in). */
export const kycsOfUser = (kit: Kit, userId: string): Kyc[] =>
  (kit.ns.get<{ ids: string[] }>(KYCS_OF_USER, userId)?.ids ?? []).map((id) => kycById(kit, id)!);
export const ownedKyc = (kit: Kit, id: string) =>
  requireOwned<Kyc>(kit, KYCS, id, {
    unknown: () => fail('KYC_NOT_FOUND'),
    foreign: () => fail('FORBIDDEN_KYC'),
  });

// The tenant's webhook URL and signing key, one of each.
export const webhookSettings = (kit: Kit): WebhookSettings =>
  kit.ns.get<WebhookSettings>(WEBHOOKS, 'settings') ?? { url: null, updatedAt: null };
export const saveWebhookSettings = (kit: Kit, url: string) =>
  kit.ns.put<WebhookSettings>(WEBHOOKS, 'settings', { url, updatedAt: kit.iso() });
export const storedSigningKey = (kit: Kit) => kit.ns.get<WebhookKey>(WEBHOOKS, 'key');
export const saveSigningKey = (kit: Kit, key: WebhookKey) => kit.ns.put(WEBHOOKS, 'key', key);

// Idempotency keys, per tenant.
export const idempotencyEntry = (kit: Kit, key: string) =>
  kit.ns.get<IdempotencyEntry>(IDEMPOTENCY, key);
export const saveIdempotencyEntry = (kit: Kit, key: string, entry: IdempotencyEntry) =>
  kit.ns.put(IDEMPOTENCY, key, entry);
export const dropIdempotencyEntry = (kit: Kit, key: string) => kit.ns.delete(IDEMPOTENCY, key);
