// A durable sandbox's state: the store's rows, each tenant's id streams and clock offset, the global
// clock and the fault rules, read back from a backend at start and written back by commit() before
// an answer leaves. Requests stay synchronous: the store tells Changes what they touched, and the
// commit turns that into one batch.
import {
  inFilter,
  type Clock,
  type FaultRules,
  type IdSource,
  type IdState,
  type SavedFaults,
  type Store,
  type StoreObserver,
  type TenantFilter,
  type TenantRef,
  type WebhookQueue,
  createFaultRules,
  tenantKey,
} from '../engine/index.js';

type Answer = Response | Promise<Response>;
import { applyBatch, loadRows, refOf } from './apply.js';
import type { Backend, Snapshot } from './backend.js';
import { Changes, emptyBatch, type Batch } from './changes.js';
import type { TenantMeta } from './codec.js';
import { KeptDeliveries } from './deliveries.js';
import { notedClock, notedFaults } from './noted.js';
import { Gate } from './gate.js';
import type { CatchUp, Coordinated } from './redis.js';

const coordinated = (b: Backend): b is Backend & Coordinated => 'enter' in b;

export class Durable {
  readonly changes = new Changes();
  private readonly metas = new Map<string, TenantMeta>();
  private readonly dirtyIds = new Map<string, IdSource>();
  private readonly dirtyOffsets = new Set<string>();
  private globalDirty = false;
  private chain: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  private clock: Clock | undefined;
  private rules: FaultRules | undefined;
  private store: Store | undefined;
  /** Kits to make again (a reset, or ids another instance issued). */
  private forget: (filter: TenantFilter) => void = () => {};
  /** An asynchronous backend's first read (units wait for it); a reload after a failed commit. */
  private loading: Promise<void> | undefined;
  private stale = false;
  private readonly gate: Gate | undefined;
  private readonly deliveries: KeptDeliveries;
  private queue: WebhookQueue | undefined;

  constructor(readonly backend: Backend) {
    const commit = () => this.commit();
    if (!coordinated(backend)) {
      this.deliveries = new KeptDeliveries(this.changes, commit);
      return;
    }
    const gate = new Gate(backend, {
      catchUp: (c) => this.catchUp(c),
      take: () => {
        const b = this.batch();
        return emptyBatch(b) ? undefined : b;
      },
      diverged: () => (this.stale = true),
    });
    this.gate = gate;
    this.deliveries = new KeptDeliveries(this.changes, commit, { gate, backend });
  }

  /** Whether instances share this state (units then take locks). */
  get shared() {
    return this.gate !== undefined;
  }

  /** What the webhook queue reports to (deliveries.ts). */
  get ledger() {
    return this.deliveries.ledger;
  }

  /** What the store reports to: the rows requests touch, and resets (which drop tenants' metadata). */
  readonly observer: StoreObserver = {
    touched: (ref, c, id, row, indexed) => this.changes.touched(ref, c, id, row, indexed),
    deleted: (ref, c, id) => this.changes.deleted(ref, c, id),
    reset: (filter) => {
      this.changes.reset(filter);
      this.dropMetas(filter);
    },
  };

  private dropMetas(filter: TenantFilter) {
    for (const key of [...this.metas.keys(), ...this.dirtyIds.keys()])
      if (inFilter(filter, refOf(key))) {
        this.metas.delete(key);
        this.dirtyIds.delete(key);
      }
  }

  /** Where a tenant's id streams stood when last written. */
  idState(tenantKey: string): IdState | undefined {
    return this.metas.get(tenantKey)?.ids;
  }

  /** A tenant issued an id: its streams are written at the next commit. */
  issued(tenantKey: string, ids: IdSource) {
    this.dirtyIds.set(tenantKey, ids);
  }

  /**
   * Reads the state back into the store and clock (the base clock, before watchClock): at once for
   * a synchronous backend (returns the fault rules kept), or before the first unit of work.
   */
  start(
    store: Store,
    clock: Clock,
    forget: (filter: TenantFilter) => void,
    deliveries: WebhookQueue,
  ): SavedFaults | undefined {
    this.store = store;
    this.forget = forget;
    this.queue = deliveries;
    this.deliveries.start(deliveries);
    const snapshot = this.backend.load();
    if (!(snapshot instanceof Promise)) return this.restore(snapshot, clock);
    this.loading = snapshot.then((s) => {
      const saved = this.restore(s, clock);
      if (saved) this.rules = createFaultRules(saved);
    });
    this.loading.catch(() => undefined);
    return undefined;
  }

  private restore(snapshot: Snapshot, clock: Clock): SavedFaults | undefined {
    this.changes.muted = true;
    try {
      loadRows(snapshot, this.store!, this.changes, this.queue!);
    } finally {
      this.changes.muted = false;
    }
    for (const [key, meta] of snapshot.tenants) {
      this.metas.set(key, meta);
      if (meta.offset) clock.advance(meta.offset, key);
    }
    if (snapshot.global?.clock) clock.advance(snapshot.global.clock);
    return snapshot.global?.faults;
  }

  /** Another instance's commits applied, or everything read again (first unit, lost log, failed commit). */
  private async catchUp(c: CatchUp) {
    // Every unit that starts before the first read is back waits for it (a failed read stays, to
    // fail them the same way, until one succeeds).
    if (this.loading) {
      const first = this.loading;
      await first;
      if (this.loading === first) this.loading = undefined;
    }
    const base = this.base!;
    if (c.reload || this.stale) {
      const snapshot = await this.backend.load();
      this.applying(() => {
        this.store!.reset({});
        this.queue!.reset({});
        this.forget({});
        base.reset();
        this.metas.clear();
      });
      this.stale = false;
      const saved = this.restore(snapshot, base);
      this.rules = createFaultRules(saved);
      return;
    }
    const ctx = {
      store: this.store!,
      changes: this.changes,
      clock: base,
      metas: this.metas,
      setRules: (rules: FaultRules) => (this.rules = rules),
      forget: this.forget,
      deliveries: this.queue!,
    };
    for (const batch of c.batches) this.applying(() => applyBatch(batch, ctx));
  }

  private applying(fn: () => void) {
    this.changes.muted = true;
    try {
      fn();
    } finally {
      this.changes.muted = false;
    }
  }

  private base: Clock | undefined;

  /** The clock, with every move noted for the next commit. */
  watchClock(clock: Clock): Clock {
    this.clock = clock;
    this.base = clock;
    return notedClock(clock, (tenant) => {
      if (tenant !== undefined) this.dirtyOffsets.add(tenant);
      else this.globalDirty = true;
    });
  }

  /** The fault rules, with every change (a rule added, deleted or used) noted for the next commit. */
  watchFaults(rules: FaultRules): FaultRules {
    this.rules = rules;
    return notedFaults(
      () => this.rules!,
      () => (this.globalDirty = true),
    );
  }

  /** Everything changed since the last commit, as one batch. */
  private batch(): Batch {
    const { resets, rows } = this.changes.take();
    const tenants: Batch['tenants'] = [];
    const offsets = this.dirtyOffsets.size > 0 ? this.clock!.offsets().tenants : {};
    const touched = new Set([...this.dirtyIds.keys(), ...this.dirtyOffsets]);
    for (const key of touched) {
      const meta: TenantMeta = { ...this.metas.get(key) };
      const ids = this.dirtyIds.get(key);
      if (ids) meta.ids = ids.save();
      if (this.dirtyOffsets.has(key)) meta.offset = offsets[key] ?? 0;
      const empty = !meta.ids && !meta.offset;
      if (empty) this.metas.delete(key);
      else this.metas.set(key, meta);
      tenants.push([key, empty ? null : meta]);
    }
    this.dirtyIds.clear();
    this.dirtyOffsets.clear();
    const global = this.globalDirty
      ? { clock: this.clock!.offsets().global, faults: this.rules!.saved() }
      : undefined;
    this.globalDirty = false;
    return { resets, rows, tenants, global };
  }

  /**
   * Writes what changed since the last commit; resolves once it (and every commit before it) is
   * committed. Nothing changed: resolves with the commits already under way.
   */
  commit(): Promise<void> {
    // One write at a time; every commit asked for while one is under way shares the next, which
    // takes what changed when it starts (a group commit: one transaction for many answers).
    this.next ??= this.chain.then(() => {
      this.next = undefined;
      const batch = this.batch();
      return emptyBatch(batch) ? undefined : this.backend.write(batch);
    });
    const done = this.next;
    this.chain = done.catch(() => undefined);
    return done;
  }

  /**
   * A provider request's unit of work (the pipeline's `unit`): run, then commit before answering;
   * a commit the backend refuses answers through `fail` (the vendor's 503).
   */
  readonly unit = (
    ref: TenantRef,
    run: () => Answer,
    fail: (err: unknown) => Answer,
  ): Promise<Response> => {
    if (this.gate) return this.gate.tenant(tenantKey(ref), run, fail);
    const settle = (res: Response) =>
      this.commit().then(
        () => res,
        (err: unknown) => fail(err),
      );
    const out = run();
    return out instanceof Promise ? out.then(settle) : settle(out);
  };

  /** A control-plane call or a page: alone under the whole sandbox's lock when shared; committed after. */
  async control(next: () => Promise<void>): Promise<void> {
    if (this.gate) return this.gate.global(next);
    await next();
    await this.commit();
  }

  async close() {
    await this.deliveries.close();
    await this.commit().catch(() => undefined);
    await this.backend.close();
  }
}
