// What Faceki keeps per tenant (links, wallet, webhook setup) and its options: the one reader of the store.
import {
  requireOwned,
  type Kit,
  type OptionSpec,
  type OptionValues,
  type OwnedMisses,
} from '../../engine/index.js';

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
  /** Faceki's requestId, given when the person submits. */
  requestId: string | null;
  reason: string | null;
  openedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
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
// Underscored: one row each per tenant, not listed as the tenant's sessions.
const WALLET = '_wallet';
const SETTINGS = '_settings';

export const linkById = (kit: Kit, id: string) => kit.ns.get<FacekiLink>(LINKS, id);

/** This tenant's link, or the vendor's miss (Faceki answers another client's link as unknown). */
export const ownedLink = (kit: Kit, id: string, misses: OwnedMisses) =>
  requireOwned<FacekiLink>(kit, LINKS, id, misses);

export const allLinks = (kit: Kit) => kit.ns.list<FacekiLink>(LINKS);

export const findLink = (kit: Kit, match: (l: FacekiLink) => boolean) =>
  kit.ns.find<FacekiLink>(LINKS, match);

export const putLink = (kit: Kit, link: FacekiLink) => kit.ns.put(LINKS, link.id, link);

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
