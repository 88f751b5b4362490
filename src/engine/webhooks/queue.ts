// The outgoing webhook queue, driven by the clock: each delivery has a retry schedule on its
// tenant's clock, is attempted over real HTTP in the background (nobody's request waits on a
// receiver), and keeps every attempt for the admin API. Deliveries are kept per tenant, with the
// pending ones apart, so finding what is due costs what is pending, not what was ever sent; finished
// deliveries follow the store's retention (the newest N per tenant, none older than the age).
import { attemptOnce, type Attempt } from './attempt.js';
import type { WebhookPost } from './post.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from '../tenant.js';

export type { Attempt } from './attempt.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'not_sent';

export interface NewDelivery {
  id: string;
  provider: string;
  tenant: string;
  event: string;
  /** No URL registered: the delivery is logged as not_sent (vendors such as Capa show NOT_SENT). */
  url: string | undefined;
  body: string;
  /** Signature headers, computed at each attempt (some vendors sign the attempt's timestamp). */
  sign?: (body: string, now: number) => Record<string, string>;
  /** The URL registered now: a replay goes there, not to the one the event was queued with. */
  target?: () => string | undefined;
  /** Delays between attempts in ms, on the tenant's clock: [0, 60000] = retry at once, then after a minute. */
  retries: readonly number[];
  /** Vendor data the provider keeps with the delivery (Capa's notification id, a subject id). */
  meta?: Record<string, unknown>;
}

export interface Delivery extends Omit<NewDelivery, 'sign' | 'target'> {
  status: DeliveryStatus;
  createdAt: string;
  attempts: Attempt[];
  nextAttemptAt: number | null;
}

export interface WebhookQueue {
  enqueue(d: NewDelivery): Delivery;
  list(filter?: TenantFilter): Delivery[];
  /** A delivery by id (only among the tenant's, when one is given). */
  get(id: string, ref?: TenantRef): Delivery | undefined;
  /** One manual attempt now, outside the automatic schedule. */
  replay(id: string): Promise<Delivery | undefined>;
  /** Starts every attempt due now (in the background); resolves when those have finished. */
  pump(filter?: TenantFilter): Promise<void>;
  /** Pumps until nothing due is left (tests use this; nobody else waits for receivers). */
  flush(filter?: TenantFilter): Promise<void>;
  /** Drops finished deliveries created before `now(tenant) - ageMs`. */
  sweep(now: (ref: TenantRef) => number, filter?: TenantFilter): void;
  /** How many deliveries are held. */
  readonly size: number;
  start(intervalMs?: number): void;
  /** Stops the timer and cuts attempts in flight short (each recorded as interrupted). */
  stop(): Promise<void>;
  reset(filter?: TenantFilter): void;
}

export interface QueueOptions {
  /** Reads the clock of a delivery's tenant. */
  now: (ref: TenantRef) => number;
  post: WebhookPost;
  /** Finished deliveries kept per tenant (the oldest go first). */
  keep?: number;
  /** Finished deliveries older than this on the tenant's clock go at sweep(). */
  ageMs?: number;
}

export function createWebhookQueue(opts: QueueOptions): WebhookQueue {
  return new Queue(opts);
}

const finished = (d: Delivery) => d.status !== 'pending';

/** One tenant's deliveries in creation order, and the pending ones apart. */
class TenantDeliveries {
  readonly all = new Map<string, Delivery>();
  readonly pending = new Set<Delivery>();
  /** Finished deliveries held (the cap counts these; pending ones are never dropped). */
  done = 0;

  constructor(readonly ref: TenantRef) {}
}

/** What a delivery needs but the admin API never shows: its signer and current target. */
interface Hooks {
  sign: NewDelivery['sign'];
  target: NewDelivery['target'];
}

class Queue implements WebhookQueue {
  private readonly tenants = new Map<string, TenantDeliveries>();
  private readonly hooks = new WeakMap<Delivery, Hooks>();
  private readonly inFlight = new Map<Delivery, Promise<void>>();
  private aborted = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly keep: number;

  constructor(private readonly opts: QueueOptions) {
    this.keep = opts.keep ?? 10_000;
  }

  private now(d: TenantRef) {
    return this.opts.now(d);
  }

  get size() {
    let n = 0;
    for (const t of this.tenants.values()) n += t.all.size;
    return n;
  }

  /** One HTTP attempt, recorded; true when the receiver answered 2xx. */
  private async attempt(d: Delivery, manual: boolean): Promise<boolean> {
    const at = this.now(d);
    const headers = this.hooks.get(d)?.sign?.(d.body, at) ?? {};
    const record = await attemptOnce(
      this.opts.post,
      d,
      { at, manual, headers },
      this.aborted.signal,
    );
    d.attempts.push(record);
    return record.status !== null && record.status >= 200 && record.status < 300;
  }

  /** Marks a pending delivery finished; past the cap, the tenant's oldest finished one goes. */
  private settle(d: Delivery, status: DeliveryStatus) {
    d.status = status;
    d.nextAttemptAt = null;
    const t = this.tenants.get(tenantKey(d));
    if (t?.pending.delete(d)) this.finished(t);
  }

  private finished(t: TenantDeliveries) {
    if (++t.done <= this.keep) return;
    for (const old of t.all.values()) {
      if (!finished(old)) continue;
      this.drop(t, old);
      break;
    }
  }

  private drop(t: TenantDeliveries, d: Delivery) {
    t.all.delete(d.id);
    t.done--;
  }

  /** An automatic attempt, then the next one scheduled or the delivery settled. */
  private async scheduled(d: Delivery) {
    const ok = await this.attempt(d, false);
    const automatic = d.attempts.filter((a) => !a.manual).length;
    if (ok) this.settle(d, 'delivered');
    else if (automatic > d.retries.length) this.settle(d, 'failed');
    // From the previous scheduled instant, so a large clock jump catches up every retry in order.
    else d.nextAttemptAt = (d.nextAttemptAt ?? this.now(d)) + d.retries[automatic - 1];
  }

  /** Starts an attempt of a due delivery unless one is in flight. */
  private launch(d: Delivery) {
    if (this.inFlight.has(d) || this.aborted.signal.aborted) return this.inFlight.get(d);
    const p = this.scheduled(d).finally(() => this.inFlight.delete(d));
    this.inFlight.set(d, p);
    return p;
  }

  private *selected(filter: TenantFilter) {
    for (const t of this.tenants.values()) if (inFilter(filter, t.ref)) yield t;
  }

  private due(filter: TenantFilter) {
    const out: Delivery[] = [];
    for (const t of this.selected(filter)) {
      if (t.pending.size === 0) continue;
      const now = this.now(t.ref);
      for (const d of t.pending)
        if (d.nextAttemptAt !== null && d.nextAttemptAt <= now && !this.inFlight.has(d))
          out.push(d);
    }
    return out;
  }

  async pump(filter: TenantFilter = {}) {
    await Promise.all(this.due(filter).map((d) => this.launch(d)));
  }

  enqueue(input: NewDelivery): Delivery {
    const { sign, target, ...rest } = input;
    const d: Delivery = {
      ...rest,
      status: input.url ? 'pending' : 'not_sent',
      createdAt: new Date(this.now(input)).toISOString(),
      attempts: [],
      nextAttemptAt: input.url ? this.now(input) : null,
    };
    const key = tenantKey(d);
    let t = this.tenants.get(key);
    if (!t) {
      t = new TenantDeliveries({ provider: d.provider, tenant: d.tenant });
      this.tenants.set(key, t);
    }
    t.all.set(d.id, d);
    this.hooks.set(d, { sign, target });
    if (d.url) {
      t.pending.add(d);
      void this.launch(d);
    } else this.finished(t);
    return d;
  }

  list(filter: TenantFilter = {}) {
    const out: Delivery[] = [];
    for (const t of this.selected(filter)) out.push(...t.all.values());
    return out;
  }

  get(id: string, ref?: TenantRef) {
    if (ref) return this.tenants.get(tenantKey(ref))?.all.get(id);
    for (const t of this.tenants.values()) {
      const d = t.all.get(id);
      if (d) return d;
    }
    return undefined;
  }

  /** One manual attempt now, to the URL registered now (a NOT_SENT one included, once there is one). */
  async replay(id: string) {
    const d = this.get(id);
    if (!d) return d;
    const now = this.hooks.get(d)?.target?.();
    if (now) d.url = now;
    if (!d.url) return d;
    await this.inFlight.get(d);
    if (await this.attempt(d, true)) {
      if (d.status === 'pending') this.settle(d, 'delivered');
      else d.status = 'delivered';
    } else if (d.status !== 'pending') d.status = 'failed';
    return d;
  }

  async flush(filter: TenantFilter = {}) {
    for (let i = 0; i < 100; i++) {
      const running = [...this.inFlight].filter(([d]) => inFilter(filter, d)).map(([, p]) => p);
      await Promise.all(running);
      if (this.due(filter).length === 0) return;
      await this.pump(filter);
    }
  }

  sweep(now: (ref: TenantRef) => number, filter: TenantFilter = {}) {
    const age = this.opts.ageMs ?? Infinity;
    for (const t of this.selected(filter)) {
      const cutoff = new Date(now(t.ref) - age).toISOString();
      for (const d of t.all.values()) {
        if (d.createdAt >= cutoff) break;
        if (finished(d)) this.drop(t, d);
      }
    }
  }

  start(intervalMs = 250) {
    this.timer ??= setInterval(() => void this.pump(), intervalMs).unref();
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    this.aborted.abort();
    await Promise.all(this.inFlight.values());
    this.aborted = new AbortController();
  }

  reset(filter: TenantFilter = {}) {
    for (const [key, t] of this.tenants) if (inFilter(filter, t.ref)) this.tenants.delete(key);
  }
}
