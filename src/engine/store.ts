// In-memory state, partitioned per provider and tenant (localstack's stores), with reset and snapshot.
// ownerOf(id) finds which tenant holds a record id, so a provider can tell "unknown" from "someone
// else's" — the two answers vendors document separately. It searches the provider's tenants (few,
// and only after the caller missed in its own) rather than keeping an index entry per record.
// Collections whose name starts with "_" hold per-tenant singletons and lookup rows (settings, rate
// windows, indexes) and are not searched.

export type Row = Record<string, unknown>;

export interface Namespace {
  readonly provider: string;
  readonly tenant: string;
  get<T extends Row>(collection: string, id: string): T | undefined;
  put<T extends Row>(collection: string, id: string, row: T): T;
  delete(collection: string, id: string): boolean;
  list<T extends Row>(collection: string): T[];
  find<T extends Row>(collection: string, match: (row: T) => boolean): T | undefined;
  count(collection: string): number;
}

export interface TenantRef {
  provider: string;
  tenant: string;
}

export interface Store {
  ns(provider: string, tenant: string): Namespace;
  /** Which tenant of this provider owns a record id (across tenants), if any. */
  ownerOf(provider: string, id: string): string | undefined;
  tenants(provider?: string): TenantRef[];
  /** Drops every namespace, or only the given provider's tenant (all providers when provider is omitted). */
  reset(filter?: { provider?: string; tenant?: string }): void;
  snapshot(filter?: { provider?: string; tenant?: string }): Record<string, Record<string, Row[]>>;
}

const key = (provider: string, tenant: string) => `${provider}\u0000${tenant}`;

export function createStore(): Store {
  const spaces = new Map<string, { ref: TenantRef; data: Map<string, Map<string, Row>>; api: Namespace }>();
  function open(provider: string, tenant: string) {
    const k = key(provider, tenant);
    let space = spaces.get(k);
    if (space) return space;
    const data = new Map<string, Map<string, Row>>();
    const coll = (name: string) => {
      let c = data.get(name);
      if (!c) data.set(name, (c = new Map()));
      return c;
    };
    const api: Namespace = {
      provider,
      tenant,
      get: <T extends Row>(c: string, id: string) => data.get(c)?.get(id) as T | undefined,
      put<T extends Row>(c: string, id: string, row: T) {
        coll(c).set(id, row);
        return row;
      },
      delete: (c, id) => data.get(c)?.delete(id) ?? false,
      list: <T extends Row>(c: string) => [...(data.get(c)?.values() ?? [])] as T[],
      find<T extends Row>(c: string, match: (row: T) => boolean) {
        for (const row of data.get(c)?.values() ?? []) if (match(row as T)) return row as T;
        return undefined;
      },
      count: (c) => data.get(c)?.size ?? 0,
    };
    space = { ref: { provider, tenant }, data, api };
    spaces.set(k, space);
    return space;
  }

  const matching = (filter: { provider?: string; tenant?: string } = {}) =>
    [...spaces.entries()].filter(
      ([, s]) =>
        (filter.provider === undefined || s.ref.provider === filter.provider) &&
        (filter.tenant === undefined || s.ref.tenant === filter.tenant),
    );

  return {
    ns: (provider, tenant) => open(provider, tenant).api,
    ownerOf(provider, id) {
      for (const s of spaces.values()) {
        if (s.ref.provider !== provider) continue;
        for (const [name, rows] of s.data) if (name[0] !== '_' && rows.has(id)) return s.ref.tenant;
      }
      return undefined;
    },
    tenants: (provider) => [...spaces.values()].filter((s) => s.data.size > 0 && (!provider || s.ref.provider === provider)).map((s) => s.ref),
    reset(filter) {
      if (!filter?.provider && !filter?.tenant) {
        spaces.clear();
        return;
      }
      for (const [k] of matching(filter)) spaces.delete(k);
    },
    snapshot(filter) {
      const out: Record<string, Record<string, Row[]>> = {};
      for (const [, s] of matching(filter)) {
        if (s.data.size === 0) continue;
        out[`${s.ref.provider}:${s.ref.tenant}`] = Object.fromEntries(
          [...s.data.entries()].map(([c, rows]) => [c, structuredClone([...rows.values()])]),
        );
      }
      return out;
    },
  };
}
