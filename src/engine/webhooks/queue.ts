// The outgoing webhook queue, driven by the clock: each delivery has a retry schedule on its
// tenant's clock, is attempted over real HTTP in the background (nobody's request waits on a
// receiver), and keeps every attempt for the admin API. Deliveries are kept per tenant, with the
// pending ones apart, so finding what is due costs what is pending, not what was ever sent; finished
// deliveries follow the store's retention (the newest N per tenant, none older than the age).
import { attemptOnce } from './attempt.js';
import type {
  Delivery,
  DeliveryStatus,
  NewDelivery,
  QueueOptions,
  WebhookQueue,
} from './delivery.js';
import { REORDER_HOLD_MS, type Shape } from './shape.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from '../tenant.js';

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
  /** Events a `reorder` scenario holds, by subject, until the next event of that subject has gone. */
  readonly held = new Map<string, Delivery>();
  /**
   * Creation order from `head` on, for finding the oldest finished delivery: iterating the Map from
   * its start would walk every slot deleted since its last rehash (most of them, at the cap).
   */
  private order: Delivery[] = [];
  private head = 0;

  constructor(readonly ref: TenantRef) {}

  add(d: Delivery) {
    this.all.set(d.id, d);
    this.order.push(d);
  }

  /** The oldest finished delivery still held (pending ones are passed over, never dropped). */
  oldestFinished(): Delivery | undefined {
    const held = (d: Delivery) => this.all.get(d.id) === d;
    while (this.head < this.order.length && !held(this.order[this.head]!)) this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    for (let i = this.head; i < this.order.length; i++) {
      const d = this.order[i]!;
      if (held(d) && finished(d)) return d;
    }
    return undefined;
  }
}

/** What a delivery needs but the admin API never shows: its signer, current target and shape. */
interface Hooks {
  sign: NewDelivery['sign'];
  target: NewDelivery['target'];
  shape: Shape | undefined;
  /** Copies still to deliver (duplicate), and the headers the first copy was signed with. */
  copies: number;
  signed?: Record<string, string>;
  /** A held (reordered) event that goes once this one's first attempt is over. */
  release?: Delivery;
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
    const hooks = this.hooks.get(d);
    // Copies of a duplicated event carry the first copy's signature, as a vendor's resend would.
    const headers = hooks?.signed ?? hooks?.sign?.(d.body, at, hooks.shape?.flaw ?? null) ?? {};
    const how = { at, manual, headers };
    const record = await attemptOnce(this.opts.post, d, how, this.aborted.signal);
    d.attempts.push(record);
    const ok = record.status !== null && record.status >= 200 && record.status < 300;
    if (ok && hooks && hooks.copies > 1) hooks.signed = headers;
    return ok;
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
    const oldest = t.oldestFinished();
    if (oldest) this.drop(t, oldest);
  }

  private drop(t: TenantDeliveries, d: Delivery) {
    t.all.delete(d.id);
    t.done--;
  }

  /** An automatic attempt, then the next one scheduled or the delivery settled. */
  private async scheduled(d: Delivery) {
    const ok = await this.attempt(d, false);
    const hooks = this.hooks.get(d);
    this.releaseHeld(hooks);
    const automatic = d.attempts.filter((a) => !a.manual).length;
    if (ok && hooks && hooks.copies > 1) {
      hooks.copies--;
      d.nextAttemptAt = this.now(d) + (hooks.shape?.spacingMs ?? 0);
    } else if (ok) this.settle(d, 'delivered');
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

  /** The event a reorder held for this one goes now. */
  private releaseHeld(hooks: Hooks | undefined) {
    const held = hooks?.release;
    if (!held) return;
    hooks.release = undefined;
    if (held.status !== 'pending') return;
    held.nextAttemptAt = this.now(held);
    void this.launch(held);
  }

  /** Applies a scenario's shape to a new delivery: dropped, delayed, duplicated or held back. */
  private shaped(t: TenantDeliveries, d: Delivery, hooks: Hooks) {
    const shape = hooks.shape;
    // The next event of the same session to the same receiver releases a held one.
    const subject = `${d.subject ?? ''} ${d.url}`;
    const held = t.held.get(subject);
    if (held && held !== d) {
      t.held.delete(subject);
      hooks.release = held;
    }
    if (!shape) return;
    d.scenario = shape.label;
    if (d.nextAttemptAt === null) return; // dropped, or nowhere to send
    d.nextAttemptAt += shape.delayMs;
    if (shape.reorder) {
      d.nextAttemptAt += REORDER_HOLD_MS;
      t.held.set(subject, d);
    }
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
    const { sign, target, shape, ...rest } = input;
    const d: Delivery = {
      ...rest,
      status: shape?.drop ? 'dropped' : input.url ? 'pending' : 'not_sent',
      scenario: null,
      createdAt: new Date(this.now(input)).toISOString(),
      attempts: [],
      nextAttemptAt: input.url && !shape?.drop ? this.now(input) : null,
    };
    const key = tenantKey(d);
    let t = this.tenants.get(key);
    if (!t) {
      t = new TenantDeliveries({ provider: d.provider, tenant: d.tenant });
      this.tenants.set(key, t);
    }
    t.add(d);
    const hooks: Hooks = { sign, target, shape, copies: shape?.copies ?? 1 };
    this.hooks.set(d, hooks);
    this.shaped(t, d, hooks);
    if (d.status === 'pending') {
      t.pending.add(d);
      if (d.nextAttemptAt! <= this.now(d)) void this.launch(d);
    } else {
      this.finished(t);
      this.releaseHeld(hooks);
    }
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
      // An attempt may start another (a released reorder, a duplicate's copy): go round until none.
      if (running.length === 0 && this.due(filter).length === 0) return;
      await Promise.all(running);
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
