// What Capa keeps per partner: users (with one verification record per kind), verification links,
// the lookup rows that keep email and externalUserId unique, and the webhook settings.
import type { Kit } from '../../engine/index.js';
import type { CapaStatus, UserType, VerificationKind } from './lifecycle.js';

/** What the partner tells Capa about the person (direct link, KYC upload): the details echo it. */
export interface PersonalInfo {
  profession: string;
  phoneNumber: string;
  birthCountry: string;
  taxId?: string;
}

export interface Verification {
  status: CapaStatus;
  /** The user's latest session: a verification link, or a KYC the partner uploaded. */
  linkId: string | null;
  country: string | null;
  reason: string | null;
  /** The partner's own data, when it sent some (direct link, upload); null: the details invent it. */
  personalInfo?: PersonalInfo | null;
  /** The document a partner-run KYC used (NATIONAL_ID, VOTER_ID, PASSPORT). */
  documentType?: string | null;
  /** Epoch milliseconds on the tenant's clock, as every timestamp in Capa's records. */
  submittedAt: number | null;
  decidedAt: number | null;
}

export interface CapaUser extends Record<string, unknown> {
  userId: string;
  type: UserType;
  email: string;
  externalUserId: string | null;
  alias: string | null;
  kyc: Verification;
  kyb: Verification;
}

export interface CapaLink extends Record<string, unknown> {
  id: string;
  userId: string;
  kind: VerificationKind;
  /** 'link': a verification link the person opens; 'upload': a KYC the partner ran and sent (used at once). */
  source?: 'link' | 'upload';
  country: string;
  redirectUri: string | null;
  /** Expiry is createdAt + the linkTtl option, computed on read, so a clock advance expires it at once. */
  createdAt: number;
  usedAt: number | null;
}

/** Capa's webhook settings entity (id, partnerId, url, createdAt, updatedAt) and the signing secret. */
export interface WebhookSettings extends Record<string, unknown> {
  id: string;
  partnerId: string;
  url: string | null;
  /** Never in a vendor response: set with the sandbox-only `secret` field, read through the admin hook. */
  secret: string;
  createdAt: string;
  updatedAt: string;
}

/** Users by id; links by id (the session collection the admin API and the hosted page read). */
export const USERS = 'users';
export const LINKS = 'links';
// Lookup rows whose values are the user records themselves, so a uniqueness check is one get.
const BY_EMAIL = '_users_by_email';
const BY_EXTERNAL_ID = '_users_by_external_id';
const SETTINGS = '_settings';
const WEBHOOK = 'webhook';

export const newVerification = (): Verification => ({
  status: 'NOT_STARTED',
  linkId: null,
  country: null,
  reason: null,
  personalInfo: null,
  documentType: null,
  submittedAt: null,
  decidedAt: null,
});

/** The verification a user's type can never start (KYB of an INDIVIDUAL, KYC of a BUSINESS): one shared record. */
export const NEVER_STARTED: Verification = Object.freeze(newVerification());

export const userById = (kit: Kit, userId: string) => kit.ns.get<CapaUser>(USERS, userId);

export const linkById = (kit: Kit, linkId: string) => kit.ns.get<CapaLink>(LINKS, linkId);

/** The link a user's verification of that kind points at, if any. */
export const currentLink = (kit: Kit, user: CapaUser, kind: VerificationKind) => {
  const id = user[kind].linkId;
  return id ? linkById(kit, id) : undefined;
};

/** Emails are unique per partner, compared in lower case. */
const emailKey = (email: string) => {
  const lower = email.toLowerCase();
  return lower === email ? email : lower; // one string kept when it is already lower case
};

export const userByEmail = (kit: Kit, email: string) =>
  kit.ns.get<CapaUser>(BY_EMAIL, emailKey(email));

export const userByExternalId = (kit: Kit, externalUserId: string) =>
  kit.ns.get<CapaUser>(BY_EXTERNAL_ID, externalUserId);

/** Stores a new user with its lookup rows. */
export function addUser(kit: Kit, user: CapaUser): CapaUser {
  kit.ns.put(USERS, user.userId, user);
  kit.ns.put(BY_EMAIL, emailKey(user.email), user);
  if (user.externalUserId !== null) kit.ns.put(BY_EXTERNAL_ID, user.externalUserId, user);
  return user;
}

/** Stores a new link: its id came from kit.ids.indexed, so it lands in the slot the id encodes. */
export const addLink = (kit: Kit, link: CapaLink) => kit.ns.append(LINKS, link.id, link);

/** The partner's webhook settings, made on first read with a fresh secret and no URL. */
export const webhookSettings = (kit: Kit): WebhookSettings =>
  kit.ns.get<WebhookSettings>(SETTINGS, WEBHOOK) ??
  saveWebhookSettings(kit, {
    id: kit.ids.uuid('webhook-settings'),
    partnerId: kit.ids.uuid('partner'),
    url: null,
    secret: `whsec_${kit.ids.token('webhook-secret', 24)}`,
    createdAt: kit.iso(),
    updatedAt: kit.iso(),
  });

export const saveWebhookSettings = (kit: Kit, settings: WebhookSettings) =>
  kit.ns.put(SETTINGS, WEBHOOK, settings);
