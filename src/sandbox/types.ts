// The sandbox's one surface: what admin routes, hosted pages, the Pact harness, the CLI, tests and
// users may call. Everything else (store, clock keys, the kit factory's cache, the router) stays
// inside src/sandbox and src/runtime.
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type {
  Clock,
  ClockOptions,
  Contract,
  Delivery,
  FaultRule,
  IdState,
  JournalEntry,
  Kit,
  ProviderModule,
  ProviderTenants,
  ReceiverSecret,
  Retention,
  Row,
  SavedDelivery,
  Scenario,
  SessionView,
  TenantFilter,
  TenantRef,
  WebhookPost,
} from '../engine/index.js';
import type { TenantHandle } from './handles.js';

export type { JournalQuery, TenantFaultInput, TenantHandle } from './handles.js';
import type { StateSpec } from '../state/spec.js';

export interface SandboxOptions {
  /** Makes ids and faker data reproducible (default "kyc-sandbox"). */
  seed?: string;
  /** Providers to mount, by registry name or as modules (default: every registered provider). */
  providers?: readonly (string | ProviderModule)[];
  clock?: Clock | ClockOptions;
  /** Base of every link the sandbox hands out (default: where listen() binds). */
  publicUrl?: string;
  /** Links name the address a request came through, from Forwarded / X-Forwarded-* (behind a proxy). */
  trustProxy?: boolean;
  /** Provider options, e.g. { capa: { linkTtl: '30m' } }. */
  options?: Record<string, Record<string, string>>;
  logger?: Logger;
  /** Tests: check every vendor response against its contract. */
  validateResponses?: boolean;
  bodyLimit?: number;
  /** Journal entries kept per tenant, newest first (default 100). */
  journalSize?: number;
  /** How webhooks are POSTed (default: webhookPost over node:http and node:https). */
  fetch?: WebhookPost;
  /** Tenants holding state kept at most; past it the least recently used is reset (default 10 000). */
  maxTenants?: number;
  /**
   * Per tenant: the newest `records` of each kind kept (default 10 000), and records and finished
   * webhook deliveries older than `ageMs` on the tenant's clock dropped (default 30 days).
   */
  retention?: Partial<Retention>;
  /** The admin token; needed beyond loopback (generated at listen when absent). */
  adminToken?: string;
  /** Host header values the control plane accepts besides loopback names and the public URL's host. */
  allowedHosts?: readonly string[];
  /** Webhook targets allowed in private ranges when bound beyond loopback: CIDRs, addresses or host names. */
  webhookAllow?: readonly string[];
  /** Where state lives: memory (default), file:<dir> or redis://host:port[/db] (docs/decisions/007). */
  state?: string | StateSpec;
}

/** The caller of an admin call: the operator (every tenant), or one tenant (its credential). */
export type Principal = { kind: 'operator' } | { kind: 'tenant'; ref: TenantRef };

/** A tenant as the admin API lists it: who, and the time on its clock. */
export interface TenantInfo extends TenantRef {
  now: string;
}

export interface SandboxStats {
  tenants: number;
  maxTenants: number;
  /** Tenants whose ids, clock and options are at hand (those holding nothing are dropped past 1000). */
  kits: number;
  journal: { entries: number; tenants: number };
  webhooks: number;
  faultRules: number;
}

/** One tenant in a state document (kyc-sandbox export). */
export interface TenantDump {
  provider: string;
  tenant: string;
  /** Rows by collection and id; a lookup row naming a record elsewhere is {"$ref": [collection, id]}. */
  collections: Record<
    string,
    { indexed?: boolean; rows: Record<string, Row | { $ref: [string, string] }> }
  >;
  /** Where the tenant's id streams stand (an import goes on from there: no id issued twice). */
  ids?: IdState;
  offset?: number;
  /** Its webhook deliveries with their attempts (pending ones are attempted by the importer). */
  webhooks?: SavedDelivery[];
}

/** A tenant's or the whole sandbox's state, as export writes it and import reads it. */
export interface StateDump {
  format: 'kyc-sandbox-state';
  version: 1;
  tenants: TenantDump[];
  /** The whole sandbox's: the global clock offset and the fault rules. */
  global?: { clock: number; faults: FaultRule[] };
}

export interface StateHealth {
  backend: 'memory' | 'file' | 'redis';
  /** file:<dir> or the Redis URL (password masked); memory: "memory". */
  where: string;
  reachable: boolean;
  /** Why not, when not. */
  detail?: string;
}

/**
 * Virtual time, per tenant: a move applies what fell due and starts the webhook attempts it caused
 * (in the background; `webhooks.flush()` waits for them).
 */
export interface TimeService {
  /** Epoch ms on a tenant's clock (no tenant: the global clock). */
  now(ref?: TenantRef): number;
  /** Moves a tenant's clock (or every tenant's) forward; then settles. */
  advance(ms: number, ref?: TenantRef): Promise<void>;
  /** Sets a tenant's clock (or the global one) to an instant, never backwards; then settles. */
  set(epochMs: number, ref?: TenantRef): Promise<void>;
  offsets(): { global: number; tenants: Record<string, number> };
}

export interface Found {
  provider: ProviderModule;
  kit: Kit;
  view: SessionView;
}

/** Verification sessions of every provider, found by id, listed, moved by hand. */
export interface SessionService {
  find(id: string): Found | undefined;
  list(filter?: TenantFilter & { state?: string }): SessionView[];
  /** A vendor transition with its side effects; the webhooks it queued go out in the background. */
  transition(
    id: string,
    state: string,
    input?: { reason?: string; manual?: boolean; choices?: Readonly<Record<string, string>> },
  ): Promise<SessionView>;
}

export interface FaultInput {
  provider: string;
  tenant?: string | null;
  operation?: string | null;
  scenario?: string | null;
  status?: number;
  latencyMs?: number;
  times?: number | null;
  probability?: number;
  /** A webhook scenario: the rule shapes the tenant's deliveries (optionally of one event) instead. */
  webhook?: string | null;
  event?: string | null;
}

export interface FaultService {
  /** Validates and adds a rule (a SandboxError with a hint when it names nothing real). */
  add(input: FaultInput): FaultRule;
  list(filter?: TenantFilter): FaultRule[];
  /** One rule, or every rule; false when the id names none. */
  delete(id?: string): boolean;
  scenarios(provider?: string): Scenario[];
}

/** A URL that gets a copy of every delivery of one tenant (`kyc-sandbox listen`). */
export interface Listener extends TenantRef {
  id: string;
  url: string;
}

export interface WebhookService {
  list(filter?: TenantFilter): Delivery[];
  get(id: string): Delivery | undefined;
  replay(id: string): Promise<Delivery>;
  /** Waits until no delivery (of the tenants selected) is due or in flight. */
  flush(filter?: TenantFilter): Promise<void>;
  /** What a receiver needs to verify the tenant's deliveries (null: the vendor does not sign). */
  verification(ref: TenantRef): ReceiverSecret | null;
  /** Sends one documented event about a session, or about the smallest fixture that produces it. */
  trigger(ref: TenantRef, event: string, sessionId?: string): Delivery;
  /** Copies every later delivery of the tenant to `url`, until unlisten or a minute without listened(). */
  listen(ref: TenantRef, url: string): Listener;
  /** The listener's deliveries so far (oldest first); keeps it alive. Unknown outside `filter`. */
  listened(id: string, filter?: TenantFilter): Delivery[];
  unlisten(id: string, filter?: TenantFilter): boolean;
}

export interface Sandbox {
  /** The Hono app: app.fetch for a server, app.request() for in-process calls. */
  readonly app: Hono;
  readonly seed: string;
  /** Base of every link handed out (while serving a request through a trusted proxy, the address it came through). */
  readonly publicUrl: string;
  readonly providers: readonly ProviderModule[];
  /** A mounted provider by name (a 404 SandboxError listing the mounted ones otherwise). */
  provider(name: string): ProviderModule;
  contract(provider: string): Contract;
  /** A provider's options as configured (text, as given on the command line). */
  optionsText(provider: string): Record<string, string>;
  /**
   * The tenants an admin call acts on: what it names (mounted providers, a tenant only with its
   * provider), narrowed to the caller's own tenant when a tenant credential is calling.
   */
  filter(input: { provider?: unknown; tenant?: unknown }): TenantFilter;
  /** Who is calling: the operator outside an admin call, else the admin call's principal. */
  caller(): Principal;
  /** Whether a token is the admin token (the dashboard's sign-in). */
  adminTokenMatches(token: string): boolean;
  /**
   * One tenant (a provider's credential), typed: its clock, sessions, journal, faults and webhooks,
   * through the same services as the admin API. `sb.tenant('capa', key).clock.advance('7d')`.
   */
  tenant(provider: string, credential: string): TenantHandle;
  /** What provider code runs with for one tenant (provider states and provider admin hooks). */
  kit(provider: string, tenant: string): Kit;
  tenants(provider?: string): TenantInfo[];
  /** One provider's tenants, as its admin hooks and provider states reach them. */
  tenantsOf(provider: string): ProviderTenants;
  snapshot(filter?: TenantFilter): Record<string, Record<string, Row[]>>;
  /** Drops state, clock offsets, journal, faults and webhooks: everything, or a provider's or a tenant's. */
  reset(filter?: TenantFilter): void;
  readonly time: TimeService;
  readonly sessions: SessionService;
  readonly faults: FaultService;
  readonly webhooks: WebhookService;
  journal(filter?: TenantFilter & { operation?: string; limit?: number }): JournalEntry[];
  /** What the sandbox holds: tenants with state (and the cap), journal entries, webhook deliveries, fault rules. */
  stats(): SandboxStats;
  /** Where state lives and whether that backend is reachable now. */
  stateHealth(): Promise<StateHealth>;
  /** The state of the tenants a filter selects (everything: with the clock and fault rules) as JSON. */
  exportState(filter?: TenantFilter): StateDump;
  /** Replaces each tenant the document holds (a whole-sandbox document: the fault rules too). */
  importState(dump: StateDump): { tenants: number };
  /** Responses outside their contract, when validateResponses is on. */
  readonly contractViolations: readonly string[];
  readonly log: Logger;
  /**
   * Listens on host:port (port 0 picks a free one); resolves with the bound URL, and the admin
   * token when binding beyond loopback made one.
   */
  listen(
    port?: number,
    hostname?: string,
  ): Promise<{ url: string; port: number; adminToken?: string }>;
  /** Stops the webhook pump, delivers what is due, closes the server. */
  close(): Promise<void>;
}
