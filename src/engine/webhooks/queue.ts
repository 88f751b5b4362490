// The outgoing webhook queue, driven by the clock: each delivery has a retry schedule on its
// tenant's clock, is attempted over real HTTP in the background (nobody's request waits on a
// receiver), and keeps every attempt for the admin API. Finished deliveries follow the store's
// retention (the newest N per tenant, none older than the age). A delivery is data only — the vendor
// signs and addresses it from the tenant's state at each attempt — so a durable backend keeps it
// (the ledger hears every change) and, on shared state, the instance owning it attempts it.
import { attemptOnce } from './attempt.js';
import type {
  Delivery,
  DeliveryHooks,
  DeliveryStatus,
  NewDelivery,
  QueueOptions,
  SavedDelivery,
  WebhookQueue,
} from './delivery.js';
import { finished, TenantDeliveries } from './tenant-deliveries.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from '../tenant.js';

export function createWebhookQueue(opts: QueueOptions): WebhookQueue {
  return new Queue(opts);
}

class Queue implements WebhookQueue {
  private readonly tenants = new Map<string, TenantDeliveries>();
  private readonly hooks = new WeakMap<Delivery, DeliveryHooks>();
  private readonly inFlight = new Map<Delivery, Promise<void>>();
  private aborted = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: QueueOptions) {}

  private now(d: TenantRef) {
    return this.opts.now(d);
  }

  get size() {
    return [...this.tenants.values()].reduce((n, t) => n + t.all.size, 0);
  }

  private tenant(ref: TenantRef) {
    const key = tenantKey(ref);
    let t = this.tenants.get(key);
    if (!t) this.tenants.set(key, (t = new TenantDeliveries({ provider: ref.provider, tenant: ref.tenant })));
    return t;
  } // prettier-ignore

  private hooksOf(d: Delivery): DeliveryHooks {
    let h = this.hooks.get(d);
    if (!h) this.hooks.set(d, (h = { copies: 1 }));
    return h;
  }

  /** Whether this instance attempts the delivery (always, unless instances share state). */
  private mine(d: Delivery) {
    const owner = this.opts.ledger?.owner;
    return owner === undefined || this.hooks.get(d)?.owner === owner;
  }

  /** Reports a changed delivery to the ledger (a durable backend writes it at its next commit). */
  private save(d: Delivery) {
    this.opts.ledger?.changed(d, d.id, { delivery: d, ...this.hooksOf(d) });
  }

  /** One HTTP attempt, recorded; true when the receiver answered 2xx. */
  private async attempt(d: Delivery, manual: boolean): Promise<boolean> {
    const at = this.now(d);
    const hooks = this.hooksOf(d);
    // Copies of a duplicated event carry the first copy's signature, as a vendor's resend would.
    const headers = hooks.signed ?? this.opts.vendor.sign(d, at, hooks.shape?.flaw ?? null);
    const how = { at, manual, headers };
    const record = await attemptOnce(this.opts.post, d, how, this.aborted.signal);
    d.attempts.push(record);
    const ok = record.status !== null && record.status >= 200 && record.status < 300;
    if (ok && hooks.copies > 1) hooks.signed = headers;
    return ok;
  }

  /** Marks a pending delivery finished; past the cap, the tenant's oldest finished one goes. */
  private settle(d: Delivery, status: DeliveryStatus) {
    const t = this.tenants.get(tenantKey(d));
    const was = finished(d);
    d.status = status;
    d.nextAttemptAt = null;
    if (!t || t.all.get(d.id) !== d) return;
    t.moved(d, was);
    this.trim(t);
  }

  private trim(t: TenantDeliveries) {
    while (t.done > (this.opts.keep ?? 10_000)) {
      const oldest = t.oldestFinished();
      if (!oldest) return;
      this.drop(t, oldest);
    }
  }

  private drop(t: TenantDeliveries, d: Delivery) {
    t.remove(d);
    this.opts.ledger?.changed(d, d.id, null);
  }

  /** An automatic attempt, then the next one scheduled or the delivery settled. */
  private async scheduled(d: Delivery) {
    const ok = await this.attempt(d, false);
    const hooks = this.hooksOf(d);
    this.releaseHeld(d, hooks);
    const automatic = d.attempts.filter((a) => !a.manual).length;
    if (d.status !== 'pending') {
      // settled meanwhile (a replay): the attempt is recorded, nothing more is scheduled
    } else if (ok && hooks.copies > 1) {
      hooks.copies--;
      d.nextAttemptAt = this.now(d) + (hooks.shape?.spacingMs ?? 0);
    } else if (ok) this.settle(d, 'delivered');
    else if (automatic > d.retries.length) this.settle(d, 'failed');
    // From the previous scheduled instant, so a large clock jump catches up every retry in order.
    else d.nextAttemptAt = (d.nextAttemptAt ?? this.now(d)) + d.retries[automatic - 1]!;
    this.save(d);
  }

  /** Starts an attempt of a due delivery unless one is in flight. */
  private launch(d: Delivery) {
    if (this.inFlight.has(d) || this.aborted.signal.aborted) return this.inFlight.get(d);
    const p = this.scheduled(d).finally(() => this.inFlight.delete(d));
    this.inFlight.set(d, p);
    return p;
  }

  /** The event a reorder held for this one goes now. */
  private releaseHeld(d: Delivery, hooks: DeliveryHooks) {
    const id = hooks.release;
    if (!id) return;
    hooks.release = undefined;
    const held = this.tenants.get(tenantKey(d))?.all.get(id);
    if (held?.status !== 'pending') return;
    held.nextAttemptAt = this.now(held);
    this.save(held);
    if (this.mine(held)) void this.launch(held);
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
        if (d.nextAttemptAt !== null && d.nextAttemptAt <= now && !this.inFlight.has(d) && this.mine(d))
          out.push(d);
    }
    return out;
  } // prettier-ignore

  async pump(filter: TenantFilter = {}) {
    await Promise.all(this.due(filter).map((d) => this.launch(d)));
  }

  enqueue(input: NewDelivery): Delivery {
    const { shape, ...rest } = input;
    const d: Delivery = {
      ...rest,
      status: shape?.drop ? 'dropped' : input.url ? 'pending' : 'not_sent',
      scenario: null,
      createdAt: new Date(this.now(input)).toISOString(),
      attempts: [],
      nextAttemptAt: input.url && !shape?.drop ? this.now(input) : null,
    };
    const t = this.tenant(d);
    const hooks: DeliveryHooks = {
      shape,
      copies: shape?.copies ?? 1,
      owner: this.opts.ledger?.owner,
    };
    this.hooks.set(d, hooks);
    const released = t.shape(d, hooks, (held) => this.hooksOf(held));
    if (released) this.save(released);
    t.add(d);
    this.save(d);
    if (d.status === 'pending') {
      if (d.nextAttemptAt! <= this.now(d)) void this.launch(d);
    } else {
      this.trim(t);
      this.releaseHeld(d, hooks);
    }
    return d;
  }

  restore(ref: TenantRef, id: string, saved: SavedDelivery | null, own = false) {
    if (!saved) {
      const t = this.tenants.get(tenantKey(ref));
      const d = t?.all.get(id);
      if (d) t!.remove(d);
      return;
    }
    const { delivery, ...hooks } = saved;
    const t = this.tenant(ref);
    const kept = t.restore(delivery, hooks.holding);
    this.hooks.set(kept, hooks);
    if (own) {
      hooks.owner = this.opts.ledger?.owner;
      this.save(kept);
    }
    this.trim(t);
  }

  saved(ref: TenantRef) {
    const t = this.tenants.get(tenantKey(ref));
    return [...(t?.all.values() ?? [])].map((d) => ({ delivery: d, ...this.hooksOf(d) }));
  }

  foreignOwners() {
    const owners = new Map<string, Set<string>>();
    const me = this.opts.ledger?.owner;
    if (me === undefined) return owners;
    for (const [key, t] of this.tenants)
      for (const owner of t.ownersBesides(me, (d) => this.hooks.get(d)?.owner)) {
        if (!owners.has(owner)) owners.set(owner, new Set());
        owners.get(owner)!.add(key);
      }
    return owners;
  }

  adopt(ref: TenantRef, from: string) {
    const t = this.tenants.get(tenantKey(ref));
    for (const d of t?.pending ?? []) {
      const hooks = this.hooksOf(d);
      if ((hooks.owner ?? '') !== from) continue;
      hooks.owner = this.opts.ledger?.owner;
      this.save(d);
    }
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
    const now = this.opts.vendor.target(d);
    if (now) d.url = now;
    if (!d.url) return d;
    await this.inFlight.get(d);
    if (await this.attempt(d, true)) {
      if (d.status === 'pending') this.settle(d, 'delivered');
      else d.status = 'delivered';
    } else if (d.status !== 'pending') d.status = 'failed';
    this.save(d);
    return d;
  }

  async flush(filter: TenantFilter = {}) {
    for (let i = 0; i < 100; i++) {
      const running = [...this.inFlight].filter(([d]) => inFilter(filter, d)).map(([, p]) => p);
      // An attempt may start another (a released reorder, a duplicate's copy): go round until none.
      if (running.length === 0 && this.due(filter).length === 0) return;
      await Promise.all(running);
      await this.pump(filter);
    }
  }

  sweep(now: (ref: TenantRef) => number, filter: TenantFilter = {}) {
    const age = this.opts.ageMs ?? Infinity;
    for (const t of this.selected(filter)) {
      for (const d of [...t.finishedBefore(new Date(now(t.ref) - age).toISOString())])
        this.drop(t, d);
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
