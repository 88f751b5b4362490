// Kulipa's records: types, collections and typed accessors (the only file naming a collection).
import { idLists, keyIndex, requireOwned, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import type { KycStatus, KycType, RfiItem, UserStatus } from './lifecycle.js';

// Snapshots show these names (`users`, `kycs`); "_" collections are per-tenant singletons.
const USERS = 'users';
export const KYCS = 'kycs';
const WEBHOOKS = '_webhooks';
const IDEMPOTENCY = '_idempotency';
// Lookups (engine keyIndex), so a create costs the same however many users and KYCs the key holds:
// a user's email (lower-cased) and phone → its id, and a user's KYC ids in creation order.
// An entry holds while its user exists and still has that email or phone.
const byEmail = keyIndex<string>('_userByEmail', (ns, key, id) => {
  const user = ns.get<KulipaUser>(USERS, id);
  return user !== undefined && emailKey(user.email) === key;
});
const byPhone = keyIndex<string>('_userByPhone', (ns, key, id) => {
  const phone = ns.get<KulipaUser>(USERS, id)?.phone;
  return phone != null && phoneKey(phone) === key;
});
const kycsByUser = idLists('_kycsOfUser', (ns, id) => ns.get(KYCS, id) !== undefined);

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

const emailKey = (email: string) => email.toLowerCase();
const phoneKey = (phone: NonNullable<UserInput['phone']>) => `${phone.country} ${phone.number}`;

/**
 * Saves a user and points its email and phone at it. Every change of either is saved here, and no
 * two users of a key share one, so an entry whose user no longer has that value is simply stale.
 */
export function saveUser(kit: Kit, user: KulipaUser) {
  byEmail.set(kit.ns, emailKey(user.email), user.id);
  if (user.phone) byPhone.set(kit.ns, phoneKey(user.phone), user.id);
  return kit.ns.put(USERS, user.id, user);
}

/** The user of this key whose email is this one, in any case. */
export function userWithEmail(kit: Kit, email: string) {
  const id = byEmail.get(kit.ns, emailKey(email));
  return id === undefined ? undefined : userById(kit, id);
}

/** The user of this key with this phone (country code and number). */
export function userWithPhone(kit: Kit, phone: NonNullable<UserInput['phone']>) {
  const id = byPhone.get(kit.ns, phoneKey(phone));
  return id === undefined ? undefined : userById(kit, id);
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
  if (!kycById(kit, kyc.id)) kycsByUser.add(kit.ns, kyc.userId, kyc.id);
  return kit.ns.put(KYCS, kyc.id, kyc);
}

/** A user's KYCs, oldest first (the order the key's KYC list has them in). */
export const kycsOfUser = (kit: Kit, userId: string): Kyc[] =>
  kycsByUser.ids(kit.ns, userId).map((id) => kycById(kit, id)!);
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
