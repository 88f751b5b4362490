// The kit factory: one Kit per (provider, tenant), made on first use and cached until a reset.
import type { Logger } from 'pino';
import {
  createIdSource,
  inFilter,
  tenantKey,
  type Clock,
  type Contract,
  type Delivery,
  type Fake,
  type IdSource,
  type IdState,
  type Kit,
  type NewDelivery,
  type ParsedOptions,
  type Store,
  type TenantFilter,
  type WebhookQueue,
} from '../engine/index.js';

export interface KitDeps {
  seed: string;
  clock: Clock;
  store: Store;
  webhooks: WebhookQueue;
  /** Queues a delivery as the webhook service shapes and copies it. */
  deliver(d: NewDelivery, nextId: () => string): Delivery;
  fake: Fake;
  log: Logger;
  options: ReadonlyMap<string, ParsedOptions>;
  contracts: ReadonlyMap<string, Contract>;
  /** The public URL of the page a session's link opens (read at each call: listen() may set it). */
  hostedUrl(provider: string, sessionId: string, via?: string): string;
  /** A durable backend's id streams: where a tenant's stood, and a note after each id issued. */
  durable?: {
    idState(key: string): IdState | undefined;
    issued(key: string, ids: IdSource): void;
  };
}

export interface Kits {
  of(provider: string, tenant: string): Kit;
  /** Forgets the kits a reset dropped (their id streams start again). */
  forget(filter: TenantFilter): void;
  /** A tenant's id streams set to where an export left them (import). */
  restoreIds(provider: string, tenant: string, state: IdState): void;
  /** The tenant used least recently among those holding state (the one a full sandbox evicts). */
  leastRecent(): Kit | undefined;
  readonly size: number;
}

/**
 * Kits of tenants that hold nothing and issued no id (an unknown or refused credential, say) are
 * kept only while there are few: past this many kits, the idle ones are dropped, so a stream of
 * junk credentials leaves nothing behind.
 */
const IDLE_KITS = 1000;

/** One tenant's kit: its clock, namespace, ids, options, contract and webhooks. */
function makeKit(
  deps: KitDeps,
  log: Logger,
  [provider, tenant, key]: [string, string, string],
  saved?: IdState,
): Kit {
  const durable = deps.durable;
  const ids: IdSource = durable
    ? createIdSource(deps.seed, key, saved ?? durable.idState(key), () => durable.issued(key, ids))
    : createIdSource(deps.seed, key, saved);
  const now = () => deps.clock.now(key);
  const { webhooks } = deps;
  return {
    provider,
    tenant,
    seed: deps.seed,
    now,
    iso: (ms = now()) => new Date(ms).toISOString(),
    ns: deps.store.ns(provider, tenant),
    ids,
    fake: deps.fake,
    options: deps.options.get(provider) ?? {},
    contract: deps.contracts.get(provider)!,
    log,
    ownerOf: (id) => deps.store.ownerOf(provider, id),
    hostedUrl: (sessionId, via) => deps.hostedUrl(provider, sessionId, via),
    webhooks: {
      enqueue: (d) => {
        const nextId = () => ids.uuid('webhook');
        return deps.deliver({ ...d, provider, tenant, id: nextId() }, nextId);
      },
      list: () => webhooks.list({ provider, tenant }),
      get: (id) => webhooks.get(id, { provider, tenant }),
      replay: (id) => webhooks.replay(id),
    },
  };
}

export function createKits(deps: KitDeps): Kits {
  // In order of last use (a hit moves a kit to the end), so the first one is the least recent.
  const kits = new Map<string, Kit>();
  const loggers = new Map<string, Logger>();
  let last: string | undefined;
  const idle = (kit: Kit) => !kit.ids.used() && !deps.store.holds(kit);

  function sweep() {
    for (const [key, kit] of kits) {
      if (kits.size <= IDLE_KITS / 2) return;
      if (idle(kit)) kits.delete(key);
    }
  }

  function loggerOf(provider: string) {
    let log = loggers.get(provider);
    if (!log) loggers.set(provider, (log = deps.log.child({ provider })));
    return log;
  }

  return {
    of(provider, tenant) {
      const key = tenantKey({ provider, tenant });
      let kit = kits.get(key);
      if (key === last && kit) return kit; // already the most recent: no reordering
      if (kit) kits.delete(key);
      else kit = makeKit(deps, loggerOf(provider), [provider, tenant, key]);
      kits.set(key, kit);
      last = key;
      if (kits.size > IDLE_KITS) sweep();
      return kit;
    },
    forget(filter) {
      for (const [key, kit] of kits) if (inFilter(filter, kit)) kits.delete(key);
      last = undefined;
    },
    restoreIds(provider, tenant, state) {
      const key = tenantKey({ provider, tenant });
      const kit = makeKit(deps, loggerOf(provider), [provider, tenant, key], state);
      kits.set(key, kit);
      last = undefined;
      deps.durable?.issued(key, kit.ids); // written at the next commit
    },
    leastRecent() {
      for (const kit of kits.values()) if (deps.store.holds(kit)) return kit;
      return undefined;
    },
    get size() {
      return kits.size;
    },
  };
}
