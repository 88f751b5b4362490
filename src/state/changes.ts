// What requests changed since the last commit: every row they read or wrote (handlers change the
// rows they read in place), deleted rows and resets, turned into the writes a backend applies. A
// row whose text is what was last written is not written again; a record kept under several keys
// (lookup rows) is written once, under its home key, and named by the others (codec.ts).
import {
  inFilter,
  tenantKey,
  type Row,
  type SavedDelivery,
  type StoreObserver,
  type TenantFilter,
  type TenantRef,
} from '../engine/index.js';
import {
  encodeDelivery,
  encodeRef,
  encodeRow,
  rowKey,
  splitRowKey,
  type GlobalMeta,
  type RowWrite,
  type TenantMeta,
} from './codec.js';

/** What one commit writes, applied in this order: resets, then rows, then metadata. */
export interface Batch {
  resets: TenantFilter[];
  rows: RowWrite[];
  /** A tenant's metadata; null: dropped (its tenant was reset). */
  tenants: [string, TenantMeta | null][];
  global?: GlobalMeta;
}

export const emptyBatch = (b: Batch) =>
  b.resets.length === 0 && b.rows.length === 0 && b.tenants.length === 0 && !b.global;

interface Pending {
  key: string;
  tenant: string;
  collection: string;
  id: string;
  row: Row | null;
  indexed: boolean;
}

interface Home {
  key: string;
  indexed: boolean;
}

/** Lookup rows live in collections named with a leading underscore; records elsewhere. */
const isLookup = (key: string) => splitRowKey(key).collection.startsWith('_');
const SEP = '\u0001';

export class Changes implements StoreObserver {
  private pending = new Map<string, Pending>();
  /** Values kept beside the rows (webhook deliveries), by key: written as they are at the take. */
  private kept = new Map<string, { key: string; value: SavedDelivery | null }>();
  private resets: TenantFilter[] = [];
  /** The value last written under each key: what a row is compared with before it is written again. */
  private readonly written = new Map<string, string>();
  /** Each record's home key: where its JSON is written. */
  private readonly homes = new WeakMap<Row, Home>();
  /** Set while rows are read back from a backend: nothing to write. */
  muted = false;

  touched(ref: TenantRef, collection: string, id: string, row: Row, indexed: boolean) {
    if (this.muted) return;
    const tenant = tenantKey(ref);
    const key = rowKey(tenant, collection, id);
    const p = this.pending.get(key);
    if (p) {
      p.row = row;
      p.indexed = indexed;
    } else this.pending.set(key, { key, tenant, collection, id, row, indexed });
  }

  deleted(ref: TenantRef, collection: string, id: string) {
    this.touched(ref, collection, id, null as unknown as Row, false);
  }

  /** A webhook delivery changed (null: it went). */
  delivery(tenant: string, collection: string, id: string, value: SavedDelivery | null) {
    if (this.muted) return;
    const key = rowKey(tenant, collection, id);
    this.kept.set(key, { key, value });
  }

  reset(filter: TenantFilter) {
    if (this.muted) return;
    const matches = (key: string) => {
      const t = splitRowKey(key).tenant;
      const at = t.indexOf(':');
      return inFilter(filter, { provider: t.slice(0, at), tenant: t.slice(at + 1) });
    };
    for (const key of this.pending.keys()) if (matches(key)) this.pending.delete(key);
    for (const key of this.kept.keys()) if (matches(key)) this.kept.delete(key);
    for (const key of this.written.keys()) if (matches(key)) this.written.delete(key);
    this.resets.push(filter);
  }

  /**
   * A lookup row read back from a backend (value as stored: 'r' and its home) and the record it
   * names: the record keeps its home key. Other rows read back are not remembered (their first
   * write after a restart is written whatever it holds): remembering 100k rows' texts and homes
   * doubled the time a restart takes, in the garbage collector.
   */
  loadedRef(key: string, value: string, home: string, row: Row) {
    this.written.set(key, value);
    if (!this.written.has(home)) this.written.set(home, '');
    const { tenant, collection } = splitRowKey(home);
    this.homes.set(row, { key: home, indexed: this.indexed.has(`${tenant}${SEP}${collection}`) });
  }

  /** Collections kept as arrays (Namespace.append), by tenant and name: a home's kind when only its lookup row is at hand. */
  private readonly indexed = new Set<string>();

  indexedCollection(tenant: string, collection: string) {
    this.indexed.add(`${tenant}${SEP}${collection}`);
  }

  /** A row another instance changed, as it wrote it (value null: deleted). */
  forget(key: string, value: string | null) {
    if (value === null) this.written.delete(key);
    else if (this.written.has(key) || value[0] === 'r') this.written.set(key, value);
  }

  get idle() {
    return this.pending.size === 0 && this.kept.size === 0 && this.resets.length === 0;
  }

  /** The writes since the last take: the rows whose text changed, and the resets. */
  take(): Pick<Batch, 'resets' | 'rows'> {
    const pending = this.pending;
    const resets = this.resets;
    const kept = this.kept;
    this.pending = new Map();
    this.kept = new Map();
    this.resets = [];
    const rows: RowWrite[] = [];
    for (const { key, value } of kept.values())
      rows.push({ ...splitRowKey(key), value: value && encodeDelivery(value) });
    const write = (key: string, value: string | null) => {
      // A delete is always written: a row read back at start is not remembered as written.
      if (value !== null && this.written.get(key) === value) return;
      if (value === null) this.written.delete(key);
      else this.written.set(key, value);
      rows.push({ ...splitRowKey(key), value });
    };
    for (const p of pending.values()) {
      if (p.row === null) {
        write(p.key, null);
        continue;
      }
      if (p.indexed) this.indexed.add(`${p.tenant}${SEP}${p.collection}`);
      const home = this.homeOf(p, pending);
      if (home.key === p.key) write(p.key, encodeRow(p.row, p.indexed));
      else {
        write(home.key, encodeRow(p.row, home.indexed));
        const { collection, id } = splitRowKey(home.key);
        write(p.key, encodeRef(collection, id));
      }
    }
    return { resets, rows };
  }

  /** Where a record is written: the first key it was seen under, a record's key over a lookup's. */
  private homeOf(p: Pending, pending: Map<string, Pending>): Home {
    const row = p.row!;
    const home = this.homes.get(row);
    const gone = (key: string) => pending.get(key)?.row === null || !this.written.has(key);
    if (
      home === undefined ||
      (home.key !== p.key && (gone(home.key) || (isLookup(home.key) && !isLookup(p.key))))
    ) {
      const mine = { key: p.key, indexed: p.indexed };
      this.homes.set(row, mine);
      return mine;
    }
    return home;
  }
}

export { rowKey };
