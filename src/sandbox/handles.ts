// A tenant handle: one (provider, credential) pair's clock, sessions, journal, faults and webhooks,
// typed, over the same services the admin API calls (a clock move settles and flushes the same).
// `sb.tenant('capa', key)` from code is what `x-sandbox-tenant: capa:<key>` is over HTTP.
import {
  durationOf,
  SandboxError,
  type Delivery,
  type FaultRule,
  type JournalEntry,
  type ProviderModule,
  type SessionView,
  type TenantFilter,
  type TenantRef,
} from '../engine/index.js';

/** What a journal lookup matches: every field given must be equal (path: equal or a RegExp). */
export interface JournalQuery {
  operation?: string;
  method?: string;
  path?: string | RegExp;
  status?: number;
  scenario?: string | null;
}

/** A fault rule for this tenant: a scenario (or a status) and/or latency, optionally one operation. */
export interface TenantFaultInput {
  operation?: string | null;
  scenario?: string | null;
  status?: number;
  latencyMs?: number;
  times?: number | null;
  probability?: number;
}

export interface TenantHandle extends TenantRef {
  readonly clock: {
    /** Now on this tenant's clock. */
    now(): Date;
    /** Moves this tenant's clock forward ("90s", "15m", "24h", "7d" or ms); due moves applied, webhooks delivered. */
    advance(by: string | number): Promise<void>;
    /** Sets this tenant's clock to an instant (forward only), then settles and flushes. */
    set(to: Date | string | number): Promise<void>;
  };
  readonly sessions: {
    /** This tenant's sessions, newest first. */
    list(filter?: { state?: string }): SessionView[];
    /** One of this tenant's sessions (undefined for an unknown id or another tenant's). */
    get(id: string): SessionView | undefined;
    /** A vendor transition with its webhooks, delivered before it resolves. */
    transition(id: string, state: string, input?: { reason?: string }): Promise<SessionView>;
  };
  readonly journal: {
    /** Requests this tenant sent that match, newest first. */
    find(query?: JournalQuery): JournalEntry[];
    count(query?: JournalQuery): number;
  };
  readonly faults: {
    add(input: TenantFaultInput): FaultRule;
    /** This tenant's own rules (not those for every tenant of the provider). */
    list(): FaultRule[];
    /** Deletes this tenant's own rules. */
    clear(): void;
  };
  readonly webhooks: {
    /** This tenant's webhook deliveries with every attempt. */
    deliveries(): Delivery[];
    flush(): Promise<void>;
  };
  /** Drops this tenant's state, clock offset, journal, faults and webhooks. */
  reset(): void;
}

/** The sandbox services a handle is made of (the Sandbox interface has them all). */
export interface HandleDeps {
  provider(name: string): ProviderModule;
  time: {
    now(ref?: TenantRef): number;
    advance(ms: number, ref?: TenantRef): Promise<void>;
    set(epochMs: number, ref?: TenantRef): Promise<void>;
  };
  sessions: {
    find(id: string): { view: SessionView } | undefined;
    list(filter?: TenantFilter & { state?: string }): SessionView[];
    transition(id: string, state: string, input?: { reason?: string }): Promise<SessionView>;
  };
  faults: {
    add(input: TenantFaultInput & { provider: string; tenant?: string | null }): FaultRule;
    list(filter?: TenantFilter): FaultRule[];
    delete(id?: string): boolean;
  };
  webhooks: { list(filter?: TenantFilter): Delivery[]; flush(): Promise<void> };
  journal(filter?: TenantFilter & { operation?: string; limit?: number }): JournalEntry[];
  reset(filter?: TenantFilter): void;
}

const matches = (q: JournalQuery, e: JournalEntry) =>
  (q.operation === undefined || e.operation === q.operation) &&
  (q.method === undefined || e.method === q.method.toUpperCase()) &&
  (q.path === undefined ||
    (typeof q.path === 'string' ? e.path === q.path : q.path.test(e.path))) &&
  (q.status === undefined || e.status === q.status) &&
  (q.scenario === undefined || e.scenario === q.scenario);

function instantOf(to: Date | string | number): number {
  const ms = to instanceof Date ? to.getTime() : typeof to === 'string' ? Date.parse(to) : to;
  if (!Number.isFinite(ms))
    throw new SandboxError(400, 'bad_instant', 'Not an instant', 'e.g. "2030-01-01T00:00:00Z"');
  return ms;
}

export function createTenantHandle(
  deps: HandleDeps,
  provider: string,
  credential: string,
): TenantHandle {
  const ref: TenantRef = { provider: deps.provider(provider).name, tenant: credential };
  if (!credential)
    throw new SandboxError(
      400,
      'no_tenant',
      'A tenant handle needs a credential',
      'e.g. an API key',
    );
  const own = (v: { tenant: string | null }) => v.tenant === credential;
  const journal = (q: JournalQuery = {}) => deps.journal(ref).filter((e) => matches(q, e));
  return {
    ...ref,
    clock: {
      now: () => new Date(deps.time.now(ref)),
      advance: async (by) => deps.time.advance(durationOf(by, 'by'), ref),
      set: async (to) => deps.time.set(instantOf(to), ref),
    },
    sessions: {
      list: (filter = {}) => deps.sessions.list({ ...ref, ...filter }),
      get(id) {
        const view = deps.sessions.find(id)?.view;
        return view && view.provider === ref.provider && own(view) ? view : undefined;
      },
      async transition(id, state, input) {
        const view = deps.sessions.find(id)?.view;
        if (!view || view.provider !== ref.provider || !own(view))
          throw new SandboxError(404, 'unknown_session', `No session ${id} for this tenant`);
        return deps.sessions.transition(id, state, input);
      },
    },
    journal: { find: journal, count: (q) => journal(q).length },
    faults: {
      add: (input) => deps.faults.add({ ...input, ...ref }),
      list: () => deps.faults.list(ref).filter(own),
      clear() {
        for (const rule of deps.faults.list(ref).filter(own)) deps.faults.delete(rule.id);
      },
    },
    webhooks: { deliveries: () => deps.webhooks.list(ref), flush: () => deps.webhooks.flush() },
    reset: () => deps.reset(ref),
  };
}
