// Kulipa's records: types, collections and typed accessors (the only file naming a collection).
import { requireOwned, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import type { KycStatus, KycType, RfiItem, UserStatus } from './lifecycle.js';

// Snapshots show these names (`users`, `kycs`); "_" collections are per-tenant singletons.
const USERS = 'users';
export const KYCS = 'kycs';
const WEBHOOKS = '_webhooks';
const IDEMPOTENCY = '_idempotency';

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
export const saveUser = (kit: Kit, user: KulipaUser) => kit.ns.put(USERS, user.id, user);
export const ownedUser = (kit: Kit, id: string) =>
  requireOwned<KulipaUser>(kit, USERS, id, {
    unknown: () => fail('USER_NOT_FOUND'),
    foreign: () => fail('FORBIDDEN_USER'),
  });

// KYCs, the same way.
export const listKycs = (kit: Kit) => kit.ns.list<Kyc>(KYCS);
export const kycById = (kit: Kit, id: string) => kit.ns.get<Kyc>(KYCS, id);
export const saveKyc = (kit: Kit, kyc: Kyc) => kit.ns.put(KYCS, kyc.id, kyc);
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
