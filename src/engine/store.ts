// In-memory state, partitioned per provider and tenant (localstack's stores), with reset and snapshot.
// ownerOf(id) finds which tenant holds a record id, so a provider can tell "unknown" from "someone
// else's" — the two answers vendors document separately. It searches the provider's tenants (few,
// and only after the caller missed in its own) rather than keeping an index entry per record.
// Collections whose name starts with "_" hold per-tenant singletons and lookup rows (settings, rate
// windows, indexes) and are not searched.
// Retention bounds a long life: each collection keeps its newest records (by count), and records
// older than the retention age on the tenant's clock are dropped by sweep(); a lookup row may then
// name a record that is gone, so providers check what a lookup finds.

import { indexSalt } from './ids.js';
import { createdAt, IndexedRows, MapRows, type Row, type Rows } from './rows.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from './tenant.js';

export type { Row } from './rows.js';

export interface Namespace {
  readonly provider: string;
  readonly tenant: string;
  get<T extends Row>(collection: string, id: string): T | undefined;
  put<T extends Row>(collection: string, id: string, row: T): T;
  /**
   * Puts a record whose id came from IdSource.indexed() into a collection kept as an array, in the
   * slot the id encodes: no hashing when it is stored or found, for records made on every request
   * (a Map of many random keys misses the cache on insert; docs/decisions/004 has the figures).
   * The collection's first write decides its kind; put, get and the rest then work on it as on any
   * other.
   */
  append<T extends Row>(collection: string, id: string, row: T): T;
  delete(collection: string, id: string): boolean;
  list<T extends Row>(collection: string): T[];
  find<T extends Row>(collection: string, match: (row: T) => boolean): T | undefined;
  count(collection: string): number;
}

/**
 * Told of every row a request may change, so a durable backend (src/state) writes it back before
 * the answer: handlers change the rows they read in place, so a read counts as a possible write.
 */
export interface StoreObserver {
  touched(ref: TenantRef, collection: string, id: string, row: Row, indexed: boolean): void;
  deleted(ref: TenantRef, collection: string, id: string): void;
  reset(filter: TenantFilter): void;
}

export interface Store {
  ns(provider: string, tenant: string): Namespace;
  /** Which tenant of this provider owns a record id (across tenants), if any. */
  ownerOf(provider: string, id: string): string | undefined;
  tenants(provider?: string): TenantRef[];
  /** Whether a tenant holds anything. */
  holds(ref: TenantRef): boolean;
  /** How many tenants hold something. */
  readonly size: number;
  /** Drops the records older than the retention age on each tenant's clock (`now`). */
  sweep(now: (ref: TenantRef) => number, filter?: TenantFilter): void;
  /** Drops every namespace, or only the given provider's tenant (all providers when provider is omitted). */
  reset(filter?: TenantFilter): void;
  snapshot(filter?: TenantFilter): Record<string, Record<string, Row[]>>;
  /** A tenant's rows with their ids, collection by collection (export). */
  dump(ref: TenantRef): [collection: string, indexed: boolean, rows: [string, Row][]][];
  /** Puts a row read back from a durable backend, telling no observer (indexed: as append does). */
  load(ref: TenantRef, collection: string, id: string, row: Row, indexed: boolean): void;
}

/**
 * How long a tenant's records are kept: the newest `records` of each collection, and (for records
 * with a `createdAt`, outside "_" collections) those younger than `ageMs` on the tenant's clock.
 */
export interface Retention {
  records: number;
  ageMs: number;
}

export const DEFAULT_RETENTION: Retention = { records: 10_000, ageMs: 30 * 86_400_000 };

export interface StoreOptions {
  /** Runs when a tenant first stores something (the sandbox caps how many it keeps). */
  onNewTenant?: (ref: TenantRef) => void;
  retention?: Retention;
  /** A durable backend's, told of what requests may have changed. */
  observer?: StoreObserver;
}

export function createStore(opts: StoreOptions = {}): Store {
  return new MemoryStore(
    opts.onNewTenant ?? (() => {}),
    opts.retention ?? DEFAULT_RETENTION,
    opts.observer,
  );
}

/** One tenant's collections, by name. */
class Space implements Namespace {
  readonly data = new Map<string, Rows>();

  constructor(
    readonly provider: string,
    readonly tenant: string,
    /** Called at the first write: the store keeps a tenant only once it holds something. */
    private readonly onFirstWrite: (space: Space) => void,
    private readonly maxRecords: number,
    private readonly observer: StoreObserver | undefined,
  ) {}

  private rows(c: string): Rows {
    let rows = this.data.get(c);
    if (!rows) {
      if (this.data.size === 0) this.onFirstWrite(this);
      this.data.set(c, (rows = new MapRows()));
    }
    return rows;
  }

  /** Stores a row; a new one past the retention count drops the collection's oldest. */
  private set(c: string, rows: Rows, id: string, row: Row) {
    const before = rows.size;
    rows.set(id, row);
    this.observer?.touched(this, c, id, row, rows instanceof IndexedRows);
    if (rows.size > before && rows.size > this.maxRecords) this.dropOldest(c, rows);
  }

  private dropOldest(c: string, rows: Rows) {
    const id = rows.shift();
    if (id !== undefined) this.observer?.deleted(this, c, id);
  }

  /** Drops the records created before `cutoff`, oldest first; lookup ("_") collections are kept. */
  sweep(cutoff: number) {
    for (const [name, rows] of this.data) {
      if (name[0] === '_') continue;
      for (let row = rows.first(); row && createdAt(row) < cutoff; row = rows.first())
        this.dropOldest(name, rows);
    }
  }

  get<T extends Row>(c: string, id: string) {
    const rows = this.data.get(c);
    const row = rows?.get(id);
    if (row !== undefined && this.observer)
      this.observer.touched(this, c, id, row, rows instanceof IndexedRows);
    return row as T | undefined;
  }

  put<T extends Row>(c: string, id: string, row: T) {
    this.set(c, this.rows(c), id, row);
    return row;
  }

  append<T extends Row>(c: string, id: string, row: T) {
    const rows = this.data.get(c) ?? new IndexedRows(indexSalt(tenantKey(this)));
    if (!(rows instanceof IndexedRows)) throw new Error(`collection ${c} is not indexed`);
    this.set(c, rows, id, row);
    // Kept once its first record is in: a refused id leaves no collection behind.
    if (rows.size === 1) {
      if (this.data.size === 0) this.onFirstWrite(this);
      this.data.set(c, rows);
    }
    return row;
  }

  delete(c: string, id: string) {
    const gone = this.data.get(c)?.delete(id) ?? false;
    if (gone) this.observer?.deleted(this, c, id);
    return gone;
  }

  list<T extends Row>(c: string) {
    const rows = this.data.get(c);
    const out = [...(rows?.values() ?? [])] as T[];
    if (this.observer && rows) this.touchAll(c, rows);
    return out;
  }

  find<T extends Row>(c: string, match: (row: T) => boolean) {
    const rows = this.data.get(c);
    for (const row of rows?.values() ?? []) {
      if (!match(row as T)) continue;
      this.observer?.touched(this, c, this.idOf(rows!, row), row, rows instanceof IndexedRows);
      return row as T;
    }
    return undefined;
  }

  /** A list hands out every row: each may be changed. */
  private touchAll(c: string, rows: Rows) {
    const indexed = rows instanceof IndexedRows;
    for (const [id, row] of rows.entries()) this.observer!.touched(this, c, id, row, indexed);
  }

  /** The id a row is kept under (found rows only: a scan, as find itself is). */
  private idOf(rows: Rows, row: Row): string {
    for (const [id, r] of rows.entries()) if (r === row) return id;
    return '';
  }

  /** A row read back from a backend (indexed ones in position order). */
  load(c: string, id: string, row: Row, indexed: boolean) {
    let rows = this.data.get(c);
    if (!rows)
      this.data.set(
        c,
        (rows = indexed ? new IndexedRows(indexSalt(tenantKey(this))) : new MapRows()),
      );
    if (rows instanceof IndexedRows) rows.load(id, row);
    else rows.set(id, row);
  }

  count(c: string) {
    return this.data.get(c)?.size ?? 0;
  }
}

class MemoryStore implements Store {
  /** Tenants holding state; a namespace nobody wrote to is not kept (an unknown key leaves nothing). */
  private readonly spaces = new Map<string, Space>();
  private readonly keep = (space: Space) => {
    this.spaces.set(tenantKey(space), space);
    this.onNewTenant(space);
  };

  constructor(
    private readonly onNewTenant: (ref: TenantRef) => void,
    private readonly retention: Retention,
    private readonly observer: StoreObserver | undefined,
  ) {}

  ns(provider: string, tenant: string): Namespace {
    return (
      this.spaces.get(tenantKey({ provider, tenant })) ??
      new Space(provider, tenant, this.keep, this.retention.records, this.observer)
    );
  }

  load(ref: TenantRef, c: string, id: string, row: Row, indexed: boolean) {
    const key = tenantKey(ref);
    let space = this.spaces.get(key);
    if (!space) {
      space = new Space(ref.provider, ref.tenant, this.keep, this.retention.records, this.observer);
      this.spaces.set(key, space);
    }
    space.load(c, id, row, indexed);
  }

  sweep(now: (ref: TenantRef) => number, filter: TenantFilter = {}) {
    for (const s of this.spaces.values())
      if (inFilter(filter, s)) s.sweep(now(s) - this.retention.ageMs);
  }

  ownerOf(provider: string, id: string) {
    for (const s of this.spaces.values()) {
      if (s.provider !== provider) continue;
      for (const [name, rows] of s.data) if (name[0] !== '_' && rows.has(id)) return s.tenant;
    }
    return undefined;
  }

  holds(ref: TenantRef) {
    return this.spaces.has(tenantKey(ref));
  }

  get size() {
    return this.spaces.size;
  }

  tenants(provider?: string): TenantRef[] {
    return [...this.spaces.values()]
      .filter((s) => s.data.size > 0 && (!provider || s.provider === provider))
      .map((s) => ({ provider: s.provider, tenant: s.tenant }));
  }

  reset(filter: TenantFilter = {}) {
    for (const [k, s] of this.spaces) if (inFilter(filter, s)) this.spaces.delete(k);
    this.observer?.reset(filter);
  }

  dump(ref: TenantRef) {
    const space = this.spaces.get(tenantKey(ref));
    return [...(space?.data ?? [])].map(
      ([c, rows]) =>
        [c, rows instanceof IndexedRows, [...rows.entries()]] as [string, boolean, [string, Row][]],
    );
  }

  snapshot(filter: TenantFilter = {}) {
    const out: Record<string, Record<string, Row[]>> = {};
    for (const s of this.spaces.values()) {
      if (s.data.size === 0 || !inFilter(filter, s)) continue;
      out[tenantKey(s)] = Object.fromEntries(
        [...s.data.entries()].map(([c, rows]) => [c, structuredClone([...rows.values()])]),
      );
    }
    return out;
  }
}
