// What Faceki keeps per tenant (links, wallet, webhook setup) and its options: the one reader of the store.
import {
  keyIndex,
  requireOwned,
  type Kit,
  type OptionSpec,
  type OptionValues,
  type OwnedMisses,
} from '../../engine/index.js';
import type { FacekiOutcome } from './errors.js';

/** The two documented generations; a client speaks one (accounts.ts). */
export const VARIANTS = ['v2', 'blaze3'] as const;
export type Variant = (typeof VARIANTS)[number];

export const facekiOptions = {
  defaultVariant: {
    default: 'v2',
    choices: VARIANTS,
    description:
      'link request shape for clients whose fixture names no variant (and faceki_test_ self-service ids): v2 (expiryTime a string, no workflowId) or blaze3 (expiryTime a number, workflowId required)',
  },
  defaultExpiryMinutes: {
    default: '60',
    type: 'int',
    description:
      'link lifetime in minutes when expiryTime is absent or 0 (Faceki documents no default)',
  },
  tokenTtl: {
    default: '1h',
    type: 'duration',
    description: 'access token lifetime (documented 3600 s; the V2 page also says 5 minutes)',
  },
  applicationIdReuse: {
    default: 'allow',
    choices: ['allow', 'reject'],
    description:
      'a second link with a used applicationId: allowed, or 5002 INVALID_MISSING_REQUEST_FIELDS (undocumented)',
  },
  v2ExpiryTime: {
    default: 'string-or-number',
    choices: ['string-or-number', 'string'],
    description:
      "V2 link expiryTime: a string of minutes (V2 docs) or also a number (what Faceki's official Python client sends), or strictly a string",
  },
  v2MultiDocuments: {
    default: 'workflow',
    choices: ['workflow', 'id-required'],
    description:
      "V2 multi-kyc-verification: the client workflow's documents are required (what Faceki's React Native SDK sends), or the V2 page's list (id_front/id_back mandatory, dl_/pp_ optional)",
  },
  tokenCredentials: {
    default: 'body-then-headers',
    choices: ['body-then-headers', 'body', 'headers'],
    description:
      'where POST generate-token reads clientId/clientSecret: the Blaze 3.0 hint box says the body, its table lists headers',
  },
} as const satisfies Record<string, OptionSpec>;

/** The options as parsed at boot: tokenTtl in ms, defaultExpiryMinutes a number. */
export const optionsOf = (kit: Kit) => kit.options as OptionValues<typeof facekiOptions>;

/** A stored link state: EXPIRED is never stored, it is read from expiresAt (lifecycle.ts). */
export type StoredState = 'CREATED' | 'OPENED' | 'SUBMITTED' | 'ACCEPTED' | 'DECLINED' | 'REVIEW';

export interface FacekiLink extends Record<string, unknown> {
  id: string;
  clientId: string;
  variant: Variant;
  workflowId: string;
  applicationId: string | null;
  redirectUrl: string | null;
  documentOptional: boolean;
  expiryMinutes: number;
  createdAt: string;
  expiresAt: string;
  state: StoredState;
  /** With document_optional: the one document the person chose on the hosted page (null: the first). */
  chosenDocument: string | null;
  /** Faceki's requestId, given when the person submits. */
  requestId: string | null;
  reason: string | null;
  openedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
}

/** A direct API verification (no link): one record, decided when it is submitted. */
export interface FacekiVerification extends Record<string, unknown> {
  /** The requestId. */
  id: string;
  clientId: string;
  /** Which endpoint took it: Blaze 3.0 kyc_verification, or V2 single / multi-document. */
  api: 'v3' | 'v2-single' | 'v2-multi';
  workflowId: string;
  recordIdentifier: string | null;
  /** The documents shown, as the workflow names them (Passport, ID Card, Driving License). */
  documents: string[];
  decision: 'ACCEPTED' | 'DECLINED' | 'REVIEW';
  /** The failed check of a declined verification (5004, 5005, …), or null. */
  outcome: FacekiOutcome | null;
  /** The face id the selfie maps to (the same selfie, the same face). */
  faceId: string;
  createdAt: string;
}

export interface Wallet extends Record<string, unknown> {
  credit: number;
  spent: number;
}

export interface WebhookSetup extends Record<string, unknown> {
  url: string | null;
  updatedAt: string | null;
}

/** Link ids are unique across tenants: the session adapter finds a link's tenant by it. */
export const LINKS = 'links';
/** Direct API verifications, by requestId. */
export const VERIFICATIONS = 'verifications';
// Underscored: one row each per tenant, not listed as the tenant's sessions.
const WALLET = '_wallet';
const SETTINGS = '_settings';
// Lookups, so a link costs the same however many the client made: an applicationId → its newest
// link (engine keyIndex), and the links that may still be live (created or opened, not known to be
// expired: at most the cap's worth and those that stopped being live since the last link).
const byApplicationId = keyIndex<string>(
  '_linkByApplicationId',
  (ns, _k, id) => ns.get(LINKS, id) !== undefined,
);
const OPEN_LINKS = '_openLinks';

export const linkById = (kit: Kit, id: string) => kit.ns.get<FacekiLink>(LINKS, id);

/** This tenant's link, or the vendor's miss (Faceki answers another client's link as unknown). */
export const ownedLink = (kit: Kit, id: string, misses: OwnedMisses) =>
  requireOwned<FacekiLink>(kit, LINKS, id, misses);

export const allLinks = (kit: Kit) => kit.ns.list<FacekiLink>(LINKS);

/** The first link that matches (a search of every link: for the admin API, never a create). */
export const findLink = (kit: Kit, match: (l: FacekiLink) => boolean) =>
  kit.ns.find<FacekiLink>(LINKS, match);

/** A link made with this applicationId, the newest (applicationIds never change). */
export const linkWithApplicationId = (kit: Kit, applicationId: string) =>
  linkById(kit, byApplicationId.get(kit.ns, applicationId) ?? '');

/** Stores a link; a new one is found by its applicationId and counted among the open ones. */
export function putLink(kit: Kit, link: FacekiLink) {
  if (!linkById(kit, link.id)) {
    if (link.applicationId !== null) byApplicationId.set(kit.ns, link.applicationId, link.id);
    kit.ns.put(OPEN_LINKS, link.id, { id: link.id });
  }
  return kit.ns.put(LINKS, link.id, link);
}

/**
 * The links that may still be live: every live link is among them (transitions.ts prunes them). A
 * link retention dropped is named by its id alone.
 */
export const openLinks = (kit: Kit) =>
  kit.ns
    .list<{ id: string }>(OPEN_LINKS)
    .map((row) => ({ id: row.id, link: linkById(kit, row.id) }));
/** A link that can never be live again (submitted, or expired on a clock that only moves forward). */
export const closeLink = (kit: Kit, id: string) => kit.ns.delete(OPEN_LINKS, id);

export const allVerifications = (kit: Kit) => kit.ns.list<FacekiVerification>(VERIFICATIONS);

export const putVerification = (kit: Kit, v: FacekiVerification) =>
  kit.ns.put(VERIFICATIONS, v.id, v);

/** The tenant's wallet, opened with the client's fixture credit on first use. */
export function walletOf(kit: Kit, client: { credit: number }): Wallet {
  return (
    kit.ns.get<Wallet>(WALLET, 'wallet') ??
    kit.ns.put<Wallet>(WALLET, 'wallet', { credit: client.credit, spent: 0 })
  );
}

/** Where the tenant's webhooks go: the client's fixture webhookUrl until an operator sets another. */
export function webhookSetupOf(
  kit: Kit,
  client: { webhookUrl: string | null } | undefined,
): WebhookSetup {
  return (
    kit.ns.get<WebhookSetup>(SETTINGS, 'webhook') ?? {
      url: client?.webhookUrl ?? null,
      updatedAt: null,
    }
  );
}

export const saveWebhookSetup = (kit: Kit, url: string | null) =>
  kit.ns.put<WebhookSetup>(SETTINGS, 'webhook', { url, updatedAt: kit.iso() });
