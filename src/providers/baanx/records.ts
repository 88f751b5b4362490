// What the Baanx emulation stores and where: record types, collection names and typed accessors.
import { keyIndex, requireOwned, type Kit, type OwnedMisses } from '../../engine/index.js';
import type { VerificationState } from './lifecycle.js';

export type Region = 'intl' | 'us';

// Each region has its own collections ("users:us", "users:intl"), so a US id looked up without
// x-us-env is simply unknown. Only the Veriff sessions share one collection, because the admin API
// and the hosted page find sessions there.
type Regional = 'contacts' | 'onboardings' | 'users' | 'tokens';
const coll = (name: Regional, region: Region) => `${name}:${region}`;
export const SESSIONS = 'sessions';

/** Baanx's ids: a UUID, prefixed US_ in the US region (docs: "US_100a99cf-…"). */
export const newId = (kit: Kit, kind: string, region: Region) =>
  `${region === 'us' ? 'US_' : ''}${kit.ids.uuid(kind)}`;

/** The region an id was made in: its US_ prefix says so. */
export const regionOfId = (id: string): Region => (id.startsWith('US_') ? 'us' : 'intl');

const ID = /^(US_)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A well-formed Baanx id (optional US_ prefix, any-case hex) in its stored form, or null. */
export function normaliseId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = ID.exec(value.trim());
  return m ? `${m[1] ? 'US_' : ''}${m[2].toLowerCase()}` : null;
}

/** Emails (and other user text) compare trimmed and case-insensitively. */
export const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Step 1: the email code, then the SMS code, sent against one contactVerificationId. */
export interface Contact extends Record<string, unknown> {
  id: string;
  region: Region;
  email: string;
  emailCode: string;
  emailCodeExpiresAt: string;
  emailVerifiedAt: string | null;
  onboardingId: string | null;
  phone: {
    countryCode: string;
    number: string;
    code: string;
    sentAt: string;
    expiresAt: string;
  } | null;
}

/** The registration session keyed by onboardingId; the person's data lives on the user. */
export interface Onboarding extends Record<string, unknown> {
  id: string;
  region: Region;
  userId: string;
  contactVerificationId: string;
  createdAt: string;
  expiresAt: string;
  phoneVerifiedAt: string | null;
  detailsAt: string | null;
  addressAt: string | null;
  needsMailingAddress: boolean;
  completedAt: string | null;
  registrationSessionId: string | null;
}

export interface Address {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  zip: string;
  usState: string | null;
}

/** The account "created" by email/verify (docs); it can log in once registration completes. */
export interface User extends Record<string, unknown> {
  id: string;
  region: Region;
  onboardingId: string;
  email: string;
  passwordHash: string;
  countryOfResidence: string;
  allowMarketing: boolean;
  allowSms: boolean;
  phoneCountryCode: string | null;
  phoneNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  countryOfNationality: string | null;
  ssn: string | null;
  address: Address | null;
  mailingAddress: Address | null;
  verificationState: VerificationState;
  verificationUpdatedAt: string;
  rejectionReason: string | null;
  /** Login OTP ("required only if user has OTP enabled"): the magic email or the admin API turn it on. */
  otpEnabled: boolean;
  /** The SMS code POST /v1/auth/login/otp sent last, until it is used or expires. */
  otpChallenge: { code: string; expiresAt: string } | null;
  /** An automatic decision due at `at` (applied lazily when the state is next read). */
  pendingDecision: { at: string; sessionId: string } | null;
  currentSessionId: string | null;
  disabled: boolean;
  createdAt: string;
  registeredAt: string | null;
}

/** A Veriff-like session: the registration one (7 days, reusable) or a post-registration one (24 h, single use). */
export interface VeriffSession extends Record<string, unknown> {
  id: string;
  region: Region;
  kind: 'registration' | 'post-registration';
  userId: string;
  onboardingId: string;
  createdAt: string;
  expiresAt: string;
  submittedAt: string | null;
}

export interface AccessToken extends Record<string, unknown> {
  id: string;
  userId: string;
  issuedAt: string;
  expiresAt: string;
  /** Issued by a login that asked for OTP: not valid for API calls (docs) until the OTP login. */
  otpPending: boolean;
}

/** Per client (tenant) settings the operator sets through the admin API: sandbox choices. */
export interface ClientSettings extends Record<string, unknown> {
  /** Where the Veriff page sends the person back ("redirected back to your application"). */
  redirectUrl: string | null;
}

// Typed accessors: the only place that names a collection or casts a stored row.

export const getContact = (kit: Kit, region: Region, id: string) =>
  kit.ns.get<Contact>(coll('contacts', region), id);
export const putContact = (kit: Kit, contact: Contact) =>
  kit.ns.put(coll('contacts', contact.region), contact.id, contact);
export const ownedContact = (kit: Kit, region: Region, id: string, misses: OwnedMisses) =>
  requireOwned<Contact>(kit, coll('contacts', region), id, misses);

export const getOnboarding = (kit: Kit, region: Region, id: string) =>
  kit.ns.get<Onboarding>(coll('onboardings', region), id);
export const putOnboarding = (kit: Kit, onboarding: Onboarding) =>
  kit.ns.put(coll('onboardings', onboarding.region), onboarding.id, onboarding);
export const ownedOnboarding = (kit: Kit, region: Region, id: string, misses: OwnedMisses) =>
  requireOwned<Onboarding>(kit, coll('onboardings', region), id, misses);

export const getUser = (kit: Kit, region: Region, id: string) =>
  kit.ns.get<User>(coll('users', region), id);
// Lookups (engine keyIndex), so registering costs the same however many accounts the client holds:
// a region and email (trimmed, any case) → the account registered with it (at most one: completing
// a second is refused), and → the latest account made with it. Emails never change.
const keyOf = (region: Region, email: string) => `${region} ${email.trim().toLowerCase()}`;
const held = (ns: Kit['ns'], key: string, id: string) =>
  ns.get(coll('users', key.slice(0, key.indexOf(' ')) as Region), id) !== undefined;
const lookups = {
  registered: keyIndex<string>('_registeredByEmail', held),
  latest: keyIndex<string>('_latestByEmail', held),
};
const byEmail = (kit: Kit, name: keyof typeof lookups, region: Region, email: string) =>
  getUser(kit, region, lookups[name].get(kit.ns, keyOf(region, email)) ?? '');
const point = (kit: Kit, name: keyof typeof lookups, user: User) =>
  lookups[name].set(kit.ns, keyOf(user.region, user.email), user.id);

/** Stores a new account: the latest one made with its email. */
export function putUser(kit: Kit, user: User) {
  const latest = byEmail(kit, 'latest', user.region, user.email);
  if (!latest || user.createdAt >= latest.createdAt) point(kit, 'latest', user);
  return kit.ns.put(coll('users', user.region), user.id, user);
}

/** Marks an account registered at `at`: the one registered with its email in its region. */
export function markRegistered(kit: Kit, user: User, at: string) {
  user.registeredAt = at;
  point(kit, 'registered', user);
}

/** The account that completed registration with this email in this region, other than `except`. */
export function registeredUser(kit: Kit, region: Region, email: string, except?: string) {
  const user = byEmail(kit, 'registered', region, email);
  return user && user.id !== except && user.registeredAt !== null ? user : undefined;
}

/**
 * The latest account made with this email in this region: the registered one if there is one, else
 * the newest unfinished registration (login answers its phase).
 */
export const accountFor = (kit: Kit, region: Region, email: string): User | undefined =>
  registeredUser(kit, region, email) ?? byEmail(kit, 'latest', region, email);

export const putToken = (kit: Kit, region: Region, token: AccessToken) =>
  kit.ns.put(coll('tokens', region), token.id, token);
export const ownedToken = (kit: Kit, region: Region, id: string, misses: OwnedMisses) =>
  requireOwned<AccessToken>(kit, coll('tokens', region), id, misses);

// "_" collections are per-tenant singletons the store does not search by id.
const SETTINGS = '_client';
export const clientSettings = (kit: Kit): ClientSettings =>
  kit.ns.get<ClientSettings>(SETTINGS, 'settings') ?? { redirectUrl: null };
export const putClientSettings = (kit: Kit, settings: ClientSettings) =>
  kit.ns.put(SETTINGS, 'settings', settings);

export const getSession = (kit: Kit, id: string) => kit.ns.get<VeriffSession>(SESSIONS, id);
export const putSession = (kit: Kit, session: VeriffSession) =>
  kit.ns.put(SESSIONS, session.id, session);
export const sessionsOf = (kit: Kit, userId: string) =>
  kit.ns.list<VeriffSession>(SESSIONS).filter((s) => s.userId === userId);
