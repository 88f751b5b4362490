// The kit factory: one Kit per (provider, tenant), made on first use and cached until a reset.
import type { Logger } from 'pino';
import {
  createIdSource,
  inFilter,
  tenantKey,
  type Clock,
  type Contract,
  type Fake,
  type Kit,
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
  fake: Fake;
  log: Logger;
  options: ReadonlyMap<string, ParsedOptions>;
  contracts: ReadonlyMap<string, Contract>;
  /** The public URL of the page a session's link opens (read at each call: listen() may set it). */
  hostedUrl(provider: string, sessionId: string, via?: string): string;
}

export interface Kits {
  of(provider: string, tenant: string): Kit;
  /** Forgets the kits a reset dropped (their id streams start again). */
  forget(filter: TenantFilter): void;
}

export function createKits(deps: KitDeps): Kits {
  const kits = new Map<string, Kit>();

  function make(provider: string, tenant: string, key: string): Kit {
    const ids = createIdSource(deps.seed, key);
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
      log: deps.log.child({ provider }),
      ownerOf: (id) => deps.store.ownerOf(provider, id),
      hostedUrl: (sessionId, via) => deps.hostedUrl(provider, sessionId, via),
      webhooks: {
        enqueue: (d) => webhooks.enqueue({ ...d, provider, tenant, id: ids.uuid('webhook') }),
        list: () => webhooks.list({ provider, tenant }),
        get(id) {
          const d = webhooks.get(id);
          return d && d.provider === provider && d.tenant === tenant ? d : undefined;
        },
        replay: (id) => webhooks.replay(id),
      },
    };
  }

  return {
    of(provider, tenant) {
      const key = tenantKey({ provider, tenant });
      let kit = kits.get(key);
      if (!kit) kits.set(key, (kit = make(provider, tenant, key)));
      return kit;
    },
    forget(filter) {
      for (const [key, kit] of kits) if (inFilter(filter, kit)) kits.delete(key);
    },
  };
}
