// Webhooks across providers: every delivery a kit queues passes through here, where a webhook fault
// rule shapes it (duplicate, delay, reorder, drop, a broken signature) and each listener of the
// tenant gets its own copy; triggers, the receiver's secret, replay and flush for the admin API.
import {
  inFilter,
  parseWebhookScenario,
  SandboxError,
  type FaultRules,
  type Kit,
  type NewDelivery,
  type ProviderModule,
  type TenantFilter,
  type TenantRef,
  type VendorHooks,
  type WebhookQueue,
  type Delivery,
} from '../engine/index.js';
import type { Listener, WebhookService } from './types.js';

/** A listener nobody polled for this long (real time) is dropped: its `listen` has gone away. */
const LISTENER_TTL_MS = 60_000;

export interface WebhookDeps {
  queue: WebhookQueue;
  rules: FaultRules;
  random: () => number;
  provider(name: string): ProviderModule;
  kit(provider: string, tenant: string): Kit;
}

export interface Webhooks {
  service: WebhookService;
  /** What a kit's enqueue does: shape, queue, and copy to the tenant's listeners. */
  deliver(d: NewDelivery, nextId: () => string): ReturnType<WebhookQueue['enqueue']>;
}

const support = (p: ProviderModule) => {
  if (!p.webhooks) throw new SandboxError(400, 'no_webhooks', `${p.name} sends no webhooks`);
  return p.webhooks;
};

/** Listeners by id, each dropped a minute after its last poll. */
class Listeners {
  private readonly all = new Map<string, Listener & { seen: number }>();
  private seq = 0;

  add(ref: TenantRef, url: string): Listener {
    const l = { id: `lsn_${++this.seq}`, provider: ref.provider, tenant: ref.tenant, url };
    this.all.set(l.id, { ...l, seen: Date.now() });
    return l;
  }

  private expire() {
    const now = Date.now();
    for (const [id, l] of this.all) if (now - l.seen > LISTENER_TTL_MS) this.all.delete(id);
  }

  /** A live listener the caller may see, its lease renewed. */
  touch(id: string, filter: TenantFilter) {
    this.expire();
    const l = this.all.get(id);
    if (!l || !inFilter(filter, l))
      throw new SandboxError(
        404,
        'unknown_listener',
        `No listener ${id}`,
        'a listener goes a minute after its last poll',
      );
    l.seen = Date.now();
    return l;
  }

  delete(id: string, filter: TenantFilter) {
    return this.all.delete(this.touch(id, filter).id);
  }

  /** The tenant's live listeners. */
  of(ref: TenantRef): Listener[] {
    if (this.all.size === 0) return [];
    this.expire();
    return [...this.all.values()].filter(
      (l) => l.provider === ref.provider && l.tenant === ref.tenant,
    );
  }
}

export function createWebhooks(deps: WebhookDeps): Webhooks {
  const { queue } = deps;
  const listeners = new Listeners();

  const shapeOf = (d: NewDelivery) => {
    const rule = deps.rules.takeWebhook(d.provider, d.tenant, d.event, deps.random);
    if (!rule) return undefined;
    return parseWebhookScenario(
      rule.webhook!,
      d.provider,
      support(deps.provider(d.provider)).flaws,
    );
  };

  const service: WebhookService = {
    list: (f) => queue.list(f),
    get: (id) => queue.get(id),
    flush: (f) => queue.flush(f),
    replay: (id) => replay(queue, id),
    verification: (ref) => support(deps.provider(ref.provider)).verification(deps.kit(ref.provider, ref.tenant)),
    trigger(ref, event, sessionId) {
      const p = deps.provider(ref.provider);
      const w = support(p);
      if (!w.events.includes(event))
        throw new SandboxError(400, 'unknown_event', `${p.name} has no webhook event "${event}"`, `events: ${w.events.join(', ')}`);
      return w.trigger(deps.kit(p.name, ref.tenant), event, sessionId);
    },
    listen(ref, url) {
      support(deps.provider(ref.provider));
      return listeners.add(ref, url);
    },
    listened: (id, f = {}) => queue.list(listeners.touch(id, f)).filter((d) => d.meta?.listener === id),
    unlisten: (id, f = {}) => listeners.delete(id, f),
  }; // prettier-ignore

  return {
    service,
    deliver(d, nextId) {
      const shape = shapeOf(d);
      const sent = queue.enqueue({ ...d, shape });
      for (const l of listeners.of(d)) {
        const meta = { ...d.meta, listener: l.id };
        queue.enqueue({ ...d, id: nextId(), url: l.url, shape, meta });
      }
      return sent;
    },
  };
}

/**
 * How the queue signs and addresses a delivery: by its provider, from its tenant's state at the
 * attempt. A listener's copy goes to the listener's URL, signed as the vendor signs.
 */
export function vendorHooks(deps: Pick<WebhookDeps, 'provider' | 'kit'>): VendorHooks {
  const kitOf = (d: Delivery) => deps.kit(d.provider, d.tenant);
  const hooksOf = (d: Delivery) => deps.provider(d.provider).webhooks;
  return {
    sign: (d, now, flaw) => hooksOf(d)?.sign?.(kitOf(d), d, now, flaw) ?? {},
    target: (d) => (d.meta?.listener ? d.url : hooksOf(d)?.target(kitOf(d), d)),
  };
}

/** One more attempt of a delivery now; refused when the id names none or it had no URL. */
async function replay(queue: WebhookQueue, id: string) {
  if (!queue.get(id))
    throw new SandboxError(
      404,
      'unknown_webhook',
      `No webhook delivery ${id}`,
      'GET /_sandbox/webhooks',
    );
  const replayed = (await queue.replay(id))!;
  if (!replayed.url)
    throw new SandboxError(
      409,
      'no_webhook_url',
      'No webhook URL is registered for this delivery',
      'register a webhook URL with the provider first',
    );
  return replayed;
}
