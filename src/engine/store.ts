// In-memory state, partitioned per provider and tenant (localstack's stores), with reset and snapshot.
// ownerOf(id) finds which tenant holds a record id, so a provider can tell "unknown" from "someone
// else's" — the two answers vendors document separately. It searches the provider's tenants (few,
// and only after the caller missed in its own) rather than keeping an index entry per record.
// Collections whose name starts with "_" hold per-tenant singletons and lookup rows (settings, rate
// windows, indexes) and are not searched.

import { indexOfId } from './ids.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from './tenant.js';

export type Row = Record<string, unknown>;

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

export interface Store {
  ns(provider: string, tenant: string): Namespace;
  /** Which tenant of this provider owns a record id (across tenants), if any. */
  ownerOf(provider: string, id: string): string | undefined;
  tenants(provider?: string): TenantRef[];
  /** Whether a tenant holds anything. */
  holds(ref: TenantRef): boolean;
  /** How many tenants hold something. */
  readonly size: number;
  /** Drops every namespace, or only the given provider's tenant (all providers when provider is omitted). */
  reset(filter?: TenantFilter): void;
  snapshot(filter?: TenantFilter): Record<string, Record<string, Row[]>>;
}

/** What the store needs of a collection; a Map is one. */
interface Rows {
  readonly size: number;
  get(id: string): Row | undefined;
  has(id: string): boolean;
  set(id: string, row: Row): unknown;
  delete(id: string): boolean;
  values(): IterableIterator<Row>;
}

/** Records whose ids carry their position (IdSource.indexed()), an array slot each. */
class IndexedRows implements Rows {
  private readonly ids: (string | undefined)[] = [];
  private readonly rows: (Row | undefined)[] = [];
  size = 0;

  /** The slot holding this id, or -1. */
  private slot(id: string) {
    const at = indexOfId(id);
    return at >= 0 && this.ids[at] === id ? at : -1;
  }

  get(id: string) {
    const at = this.slot(id);
    return at < 0 ? undefined : this.rows[at];
  }

  has(id: string) {
    return this.slot(id) >= 0;
  }

  set(id: string, row: Row) {
    const at = indexOfId(id);
    // An id from elsewhere, or a position far past the end, is a provider bug: say so rather than
    // overwrite another record or grow a sparse array.
    const held = this.ids[at];
    if (at < 0 || at > this.ids.length + 1024 || (held !== undefined && held !== id))
      throw new Error(`${id} is not an indexed id of this collection`);
    if (held === undefined) this.size++;
    this.ids[at] = id;
    this.rows[at] = row;
    return this;
  }

  delete(id: string) {
    const at = this.slot(id);
    if (at < 0) return false;
    this.ids[at] = undefined;
    this.rows[at] = undefined;
    this.size--;
    return true;
  }

  *values() {
    for (const row of this.rows) if (row !== undefined) yield row;
  }
}

/** `onNewTenant` runs when a tenant first stores something (the sandbox caps how many it keeps). */
export function createStore(onNewTenant: (ref: TenantRef) => void = () => {}): Store {
  return new MemoryStore(onNewTenant);
}

/** One tenant's collections, by name. */
class Space implements Namespace {
  readonly data = new Map<string, Rows>();

  constructor(
    readonly provider: string,
    readonly tenant: string,
    /** Called at the first write: the store keeps a tenant only once it holds something. */
    private readonly onFirstWrite: (space: Space) => void,
  ) {}

  private rows(c: string): Rows {
    let rows = this.data.get(c);
    if (!rows) {
      if (this.data.size === 0) this.onFirstWrite(this);
      this.data.set(c, (rows = new Map()));
    }
    return rows;
  }

  get<T extends Row>(c: string, id: string) {
    return this.data.get(c)?.get(id) as T | undefined;
  }

  put<T extends Row>(c: string, id: string, row: T) {
    this.rows(c).set(id, row);
    return row;
  }

  append<T extends Row>(c: string, id: string, row: T) {
    const rows = this.data.get(c) ?? new IndexedRows();
    if (!(rows instanceof IndexedRows)) throw new Error(`collection ${c} is not indexed`);
    rows.set(id, row);
    // Kept once its first record is in: a refused id leaves no collection behind.
    if (rows.size === 1) {
      if (this.data.size === 0) this.onFirstWrite(this);
      this.data.set(c, rows);
    }
    return row;
  }

  delete(c: string, id: string) {
    return this.data.get(c)?.delete(id) ?? false;
  }

  list<T extends Row>(c: string) {
    return [...(this.data.get(c)?.values() ?? [])] as T[];
  }

  find<T extends Row>(c: string, match: (row: T) => boolean) {
    for (const row of this.data.get(c)?.values() ?? []) if (match(row as T)) return row as T;
    return undefined;
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

  constructor(private readonly onNewTenant: (ref: TenantRef) => void) {}

  ns(provider: string, tenant: string): Namespace {
    return (
      this.spaces.get(tenantKey({ provider, tenant })) ?? new Space(provider, tenant, this.keep)
    );
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
