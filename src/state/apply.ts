// Reading state back into a running sandbox: everything at start (or after a lost catch-up), and
// the commits other instances made since, applied to the rows, metadata, clock and fault rules this
// instance holds. Rows another instance changed are changed in place, so the lookup rows naming the
// same record still do.
import {
  createFaultRules,
  indexOfId,
  indexSalt,
  type Clock,
  type FaultRules,
  type Row,
  type SavedDelivery,
  type Store,
  type TenantFilter,
  type TenantRef,
  type WebhookQueue,
  tenantKey,
} from '../engine/index.js';
import type { Snapshot } from './backend.js';
import type { Batch } from './changes.js';
import type { Changes } from './changes.js';
import {
  decodeRow,
  DELIVERIES,
  rowKey,
  splitRowKey,
  type RowRef,
  type TenantMeta,
} from './codec.js';

export const refOf = (tenantKey: string) => {
  const at = tenantKey.indexOf(':');
  return { provider: tenantKey.slice(0, at), tenant: tenantKey.slice(at + 1) };
};

/** What applying another instance's commit reaches. */
export interface ApplyContext {
  store: Store;
  changes: Changes;
  /** The clock without the durable layer's notes (moves applied here are not written again). */
  clock: Clock;
  metas: Map<string, TenantMeta>;
  setRules(rules: FaultRules): void;
  /** Kits (and their id streams) of these tenants are made again from the metadata. */
  forget(filter: TenantFilter): void;
  deliveries: WebhookQueue;
}

/** Moves a clock's offset (a tenant's, or the global one) to a value. */
function offsetTo(clock: Clock, value: number, tenant?: string) {
  const o = clock.offsets();
  const now = tenant === undefined ? o.global : (o.tenants[tenant] ?? 0);
  if (value !== now) clock.advance(value - now, tenant);
}

export function applyBatch(batch: Batch, ctx: ApplyContext) {
  const { store, changes } = ctx;
  for (const filter of batch.resets) {
    store.reset(filter);
    ctx.deliveries.reset(filter);
    ctx.forget(filter);
  }
  for (const r of batch.rows) {
    const ref = refOf(r.tenant);
    if (r.collection === DELIVERIES) {
      const d = r.value === null ? null : decodeRow(r.value);
      ctx.deliveries.restore(ref, r.id, d?.kind === 'delivery' ? d.saved : null);
      continue;
    }
    const key = rowKey(r.tenant, r.collection, r.id);
    const ns = store.ns(ref.provider, ref.tenant);
    changes.forget(key, r.value);
    if (r.value === null) {
      ns.delete(r.collection, r.id);
      continue;
    }
    const d = decodeRow(r.value);
    if (d.kind === 'delivery') continue;
    if (d.kind === 'ref') {
      const home = ns.get(d.collection, d.id);
      if (!home) continue;
      store.load(ref, r.collection, r.id, home, false);
      changes.loadedRef(key, r.value, rowKey(r.tenant, d.collection, d.id), home);
      continue;
    }
    const held = ns.get(r.collection, r.id);
    if (held) {
      for (const k of Object.keys(held)) delete held[k];
      Object.assign(held, d.row);
    } else {
      store.load(ref, r.collection, r.id, d.row, d.indexed);
      if (d.indexed) changes.indexedCollection(r.tenant, r.collection);
    }
  }
  for (const [key, meta] of batch.tenants) {
    if (meta === null) ctx.metas.delete(key);
    else ctx.metas.set(key, meta);
    offsetTo(ctx.clock, meta?.offset ?? 0, key);
    ctx.forget(refOf(key));
  }
  if (batch.global) {
    offsetTo(ctx.clock, batch.global.clock);
    ctx.setRules(createFaultRules(batch.global.faults));
  }
}

/** Rows read back into the store: keyed ones, then indexed ones in slot order, then lookup keys. */
/** A row's creation instant, when it has one (keyed rows are kept in that order: retention). */
function createdAtOf(row: Row): number {
  const at = row.createdAt;
  return typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN;
}

type Loaded = [order: number, ref: TenantRef, collection: string, id: string, row: Row];

/**
 * Rows read back into the store, each collection in its order (retention drops the oldest first):
 * indexed ones by slot, keyed ones with a creation instant by it, the rest as they come; then the
 * lookup keys naming them.
 */
export function loadRows(
  snapshot: Snapshot,
  store: Store,
  changes: Changes,
  deliveries: WebhookQueue,
) {
  const refs: [string, string, RowRef, { collection: string; id: string }][] = [];
  const kept: [TenantRef, string, SavedDelivery][] = [];
  const groups = new Map<string, Loaded[]>();
  const tenants = new Map<string, TenantRef>();
  const salts = new Map<string, number>();
  for (const [key, value] of snapshot.rows) {
    const d = decodeRow(value);
    const r = splitRowKey(key);
    if (d.kind === 'ref') {
      refs.push([key, value, r, d]);
      continue;
    }
    if (d.kind === 'delivery') {
      kept.push([refOf(r.tenant), r.id, d.saved]);
      continue;
    }
    let ref = tenants.get(r.tenant);
    if (!ref) tenants.set(r.tenant, (ref = refOf(r.tenant)));
    let salt = salts.get(r.tenant);
    if (d.indexed && salt === undefined) salts.set(r.tenant, (salt = indexSalt(r.tenant)));
    const order = d.indexed ? indexOfId(r.id, salt!) : createdAtOf(d.row);
    if (Number.isNaN(order)) {
      store.load(ref, r.collection, r.id, d.row, false);
      continue;
    }
    const group = `${r.tenant}\u0001${r.collection}${d.indexed ? '\u0001a' : ''}`;
    let rows = groups.get(group);
    if (!rows) groups.set(group, (rows = []));
    rows.push([order, ref, r.collection, r.id, d.row]);
  }
  for (const [group, rows] of groups) {
    const indexed = group.endsWith('\u0001a');
    if (indexed) changes.indexedCollection(tenantKey(rows[0]![1]), rows[0]![2]);
    rows.sort((a, b) => a[0] - b[0]);
    for (const [, ref, c, id, row] of rows) store.load(ref, c, id, row, indexed);
  }
  for (const [key, value, r, home] of refs) {
    const ref = tenants.get(r.tenant) ?? refOf(r.tenant);
    const row = store.ns(ref.provider, ref.tenant).get(home.collection, home.id);
    if (!row) continue; // its record is gone: the lookup row goes with it
    store.load(ref, r.collection, r.id, row, false);
    changes.loadedRef(key, value, rowKey(r.tenant, home.collection, home.id), row);
  }
  // In creation order: the queue keeps each tenant's in that order (retention drops the oldest).
  kept.sort((a, b) => (a[2].delivery.createdAt < b[2].delivery.createdAt ? -1 : 1));
  for (const [ref, id, saved] of kept) deliveries.restore(ref, id, saved);
}
