// The shape of a provider folder's public face, and the kit the engine hands its handlers.
import type { Context, Hono } from 'hono';
import type { Logger } from 'pino';
import type { Contract } from './contracts.js';
import type { Credential, MagicValue, OptionSpec, SelfServiceCredential } from './credentials.js';
import type { ErrorRow, ErrorTable } from './errors.js';
import type { Fake, IdSource } from './ids.js';
import type { Lifecycle } from './lifecycle.js';
import type { RedirectScheme } from './redirect.js';
import type { Namespace } from './store.js';
import type { Delivery, NewDelivery } from './webhooks/delivery.js';
import type { ReceivedWebhook, ReceiverSecret } from './webhooks/receiver.js';
import type { SignatureFlaw } from './webhooks/shape.js';

export type { Credential, MagicValue, OptionSpec, SelfServiceCredential } from './credentials.js';
export type { ReceivedWebhook, ReceiverSecret } from './webhooks/receiver.js';

/** Options as parsed at boot: durations in ms, ints as numbers, the rest as given. */
export type ParsedOptions = Readonly<Record<string, string | number>>;

/** What reply() rendered: the JSON body and its text. */
export type Rendered = { body: unknown; text: string };

/** Everything a handler needs for one (provider, tenant): time, state, ids, fake data, webhooks. */
export interface Kit {
  readonly provider: string;
  readonly tenant: string;
  readonly seed: string;
  now(): number;
  iso(ms?: number): string;
  readonly ns: Namespace;
  readonly ids: IdSource;
  readonly fake: Fake;
  /** The provider's options, parsed at boot (durations in ms): read them through OptionValues. */
  readonly options: ParsedOptions;
  readonly contract: Contract;
  readonly log: Logger;
  /** The tenant of this provider that owns an id, when it is not this one's. */
  ownerOf(id: string): string | undefined;
  /**
   * The public URL of the page a verification link opens; `via` puts a vendor-style segment before
   * the id (Faceki's …/kycverify/<linkId>), which the page accepts as well.
   */
  hostedUrl(sessionId: string, via?: string): string;
  webhooks: {
    enqueue(d: Omit<NewDelivery, 'provider' | 'tenant' | 'id'>): Delivery;
    list(): Delivery[];
    get(id: string): Delivery | undefined;
    replay(id: string): Promise<Delivery | undefined>;
  };
}

/** A provider's tenants, as its admin hooks reach them. */
export interface ProviderTenants {
  /** One tenant's kit. */
  kit(tenant: string): Kit;
  /** The kit of the tenant holding a record id (ids are unique across a provider's tenants). */
  owning(id: string): Kit | undefined;
}

/** The request as tenantOf sees it: Hono's request, without building a URL per call. */
export interface RequestLine {
  path: string;
  query(name: string): string | undefined;
}

export type ProviderEnv = {
  /** requestText: the raw body the pipeline read (non-GET requests within the body limit). */
  Variables: {
    kit: Kit;
    operation: string | null;
    scenario: string | null;
    requestText: string | undefined;
    /** What the provider's auth stage established (a partner, a client, an organization). */
    principal: unknown;
    /** Set by reply(): the JSON body and its text, for the journal and the contract check. */
    rendered: Rendered | undefined;
  };
};

/** The tenant a provider's first fixture credential selects: the admin API's default tenant. */
export const defaultTenant = (p: ProviderModule): string | undefined => {
  const [first] = p.credentials();
  return first && (first.tenant ?? first.value);
};

/** What the admin API and the hosted page see of a verification session. */
export interface SessionView {
  id: string;
  provider: string;
  tenant: string;
  state: string;
  subject: string;
  url: string;
  redirectUri: string | null;
  createdAt: string;
  expiresAt: string | null;
  /** 'live' | 'expired' | 'used' | 'superseded' — whether the link still opens a flow. */
  link: 'live' | 'expired' | 'used' | 'superseded';
  /** The vendor states an operator may move this session to now. */
  next: readonly string[];
}

/** One screen of a vendor's hosted flow; `kind` picks the picture (document frame, selfie oval…). */
export interface HostedStep {
  title: string;
  kind: 'consent' | 'document' | 'selfie' | 'form' | 'review';
  /** The vendor's wording under the title. */
  text?: string;
  /**
   * A choice the person makes on this step (e.g. which one document of several to show), kept with
   * the session's page progress and handed to the provider's transitions as `input.choices[field]`.
   * Options may depend on the session: `options(kit, row)` when the flow needs the record; none
   * means nothing to choose for that session (the step shows no choice).
   */
  choose?: {
    field: string;
    label: string;
    options: readonly string[] | ((kit: Kit, row: Record<string, unknown>) => readonly string[]);
  };
}

/** A decision offered at the end of the flow; only those in the session's `next` are shown. */
export interface HostedOutcome {
  label: string;
  state: string;
  /** Ask for a reason, sent to the transition as `reason` (from `reasons` when given, else free text). */
  needsReason?: boolean;
  reasons?: readonly string[];
  /** How the button looks: a decision, a hand-off to review or to a later decision, or leaving. */
  tone?: 'approve' | 'reject' | 'review' | 'wait' | 'abandon';
}

export interface HostedIdentity {
  /** The person (or business) the link is for. */
  name: string;
  facts: readonly { label: string; value: string }[];
}

export interface HostedFlow {
  /** Screens in order (a plain string is a screen with a title only); the last one holds the outcomes. */
  steps: readonly (string | HostedStep)[];
  outcomes: readonly HostedOutcome[];
  /** The vendor state entered when the person gets past the first screen (e.g. in_progress), if it has one. */
  start?: string;
  /** The vendor's colour (#rrggbb) and, when the flow runs under another name (Baanx → Veriff), that product. */
  brand?: { color: string; product?: string };
  /** Schemes a redirect may use: https, http (any host), http-localhost, app (myapp://). Default: https only. */
  redirectSchemes?: readonly RedirectScheme[];
  /** Label of a "leave for now" button: back to the redirect without a decision, the link staying live. */
  leave?: string;
  /** What the page says about a closed link in a given vendor state (e.g. cancelled by the company). */
  closed?: Readonly<Record<string, string>>;
}

export interface SessionAdapter {
  lifecycle: Lifecycle;
  /** The store collection holding sessions (ids are unique across tenants). */
  collection: string;
  view(kit: Kit, row: Record<string, unknown>): SessionView;
  /** Applies a vendor transition with its side effects; throws SandboxError when not allowed. */
  transition(
    kit: Kit,
    id: string,
    to: string,
    input: { reason?: string; manual: boolean; choices?: Readonly<Record<string, string>> },
  ): SessionView;
  /** Where the hosted page sends the person after a decision, with the vendor's query parameters. */
  redirectFor?(kit: Kit, view: SessionView): string | null;
  /** The vendor's hosted flow as data: the page renders any provider from this, with no page code of its own. */
  hosted?: HostedFlow;
  /**
   * The faker identity the hosted page shows for a session, seeded as the vendor's own detail
   * endpoints seed it, so the page and the API name the same person.
   */
  identity?(kit: Kit, row: Record<string, unknown>): HostedIdentity;
}

/** A provider's webhooks as QA and receivers use them, beyond the flows that send them. */
export interface WebhookSupport {
  /** The documented event names. */
  events: readonly string[];
  /** The signature flaws its scheme can show (none: the vendor does not sign). */
  flaws: readonly SignatureFlaw[];
  /** What a receiver needs to verify this tenant's deliveries (null: unsigned). */
  verification(kit: Kit): ReceiverSecret | null;
  /**
   * The receiver's check, exactly as the vendor documents it (the receiver kit exports it): true
   * when the request carries a valid, fresh signature made with `secret`. `now` is epoch ms.
   */
  verify(request: ReceivedWebhook, secret: ReceiverSecret, now?: number): boolean;
  /** One attempt's signature headers at `now`, from the tenant's state then (none: unsigned). */
  sign?(kit: Kit, d: Delivery, now: number, flaw: SignatureFlaw | null): Record<string, string>;
  /** The URL registered now for the delivery's event: replays and retry APIs go there. */
  target(kit: Kit, d: Delivery): string | undefined;
  /**
   * Sends one documented event, with the vendor's payload and signature: about the given session
   * (a session id, or the subject of an earlier delivery), or about the smallest fixture that
   * produces it (made in the tenant) when none is given; unknownSession() when the id names none.
   */
  trigger(kit: Kit, event: string, sessionId?: string): Delivery;
}

export interface ProviderModule {
  name: string;
  title: string;
  /** What follows the mount point in a client's base URL, e.g. '/v1' for Kulipa, '' for most. */
  clientBase: string;
  /** The vendor's public docs, for the catalogue. */
  docs: string;
  errors: ErrorTable;
  /** The vendor's error envelope. */
  renderError(row: ErrorRow, key: string, details?: Record<string, unknown>): unknown;
  /** Error-table keys for transport failures and sandbox-level refusals, by HTTP status. */
  transport: Readonly<Record<413 | 429 | 500 | 502 | 503 | 504 | 404, string>>;
  /**
   * The raw credential a request presents, which names its tenant (undefined: anonymous).
   * `body` is the raw request text, for vendors whose credentials travel in the body.
   */
  tenantOf(headers: Headers, request: RequestLine, body?: string): string | undefined;
  /** Headers the vendor puts on every answer, engine-rendered errors included (e.g. a request id). */
  responseHeaders?(kit: Kit): Record<string, string>;
  /**
   * Applies what has fallen due on the tenant's clock (automatic decisions, expiry webhooks).
   * Called for every tenant of the provider after the clock moves, before webhooks are flushed.
   */
  settle?(kit: Kit): void;
  /**
   * The vendor's auth, a stage the pipeline runs before every route of this provider, so no endpoint
   * can forget it: throws the vendor's error, or returns what it established (c.get('principal')).
   * It sees c.get('operation'), for operations the vendor serves without credentials or checks
   * further (Capa's user calls). Unknown paths get the vendor's 404 without it.
   */
  auth?(c: Context<ProviderEnv>): unknown;
  credentials(): Credential[];
  /**
   * A fresh self-service credential for `id` (1–40 letters and digits; another id, another tenant),
   * by the vendor's documented self-service rule: what kyc-sandbox/vitest gives each test.
   */
  selfService?(id: string): SelfServiceCredential;
  options?: Readonly<Record<string, OptionSpec>>;
  magic?: readonly MagicValue[];
  sessions?: SessionAdapter;
  routes(): Hono<ProviderEnv>;
  /**
   * Operator actions that are not session transitions (freeze a user, read an email code), mounted
   * at /_sandbox/providers/<name>, over this provider's tenants.
   */
  admin?(tenants: ProviderTenants): Hono;
  /** Largest request body this vendor takes (e.g. image uploads), when above the sandbox's limit. */
  bodyLimit?: number;
  /** Field names whose values are secrets in this vendor's bodies and queries, besides the engine's SECRET_FIELDS. */
  secrets?: readonly string[];
  /** The OpenAPI file of this provider (default contracts/<name>/openapi.yaml). */
  contractFile?: string;
  /**
   * Endpoints the vendor documents that the sandbox does not answer, each with what is missing to
   * emulate it (the coverage table lists them beside every contract operation).
   */
  notEmulated?: readonly { method: string; path: string; reason: string }[];
  /** Pact provider states: sentences a pact's `given(...)` names, each seeding this provider's tenants. */
  states?: readonly ProviderState[];
  /** Its webhooks' events, signature flaws, receiver secret and triggers (providers that send webhooks). */
  webhooks?: WebhookSupport;
}

/** What a provider state's setup may use: the whole sandbox in-process, and a captured webhook sink. */
export interface StateContext {
  /** A request through the sandbox app (vendor paths /<provider>/…, and /_sandbox); throws unless 2xx. */
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; json?: unknown },
  ): Promise<{ status: number; body: T }>;
  /** One tenant of this provider. */
  kit(tenant: string): Kit;
  /** A URL whose deliveries the harness captures (message pacts read webhooks from it). */
  webhookUrl: string;
}

export interface ProviderState {
  /** The sentence, exactly as a consumer writes it in `given(...)`. */
  name: string;
  /** Other phrasings people write first ("the link has expired"); matched as leniently as the name. */
  aliases?: readonly string[];
  /** A catalogue scenario the interaction's requests answer with, unless a `scenario` parameter names another. */
  scenario?: string;
  /** Parameters it reads, name → meaning (and default). */
  params?: Readonly<Record<string, string>>;
  /** Values setup returns for `fromProviderState` expressions, name → meaning. */
  provides?: Readonly<Record<string, string>>;
  setup(
    ctx: StateContext,
    params: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>>;
}

export const defineProvider = (p: ProviderModule): ProviderModule => p;
