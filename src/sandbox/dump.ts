// Export and import: a tenant's (or every tenant's) state as one JSON document — rows by collection,
// id streams, clock offset and webhook deliveries, and for the whole sandbox the global clock and fault rules — so state
// moves between backends (memory → file: → redis:) or into a fresh sandbox. A record kept under
// several keys (lookup rows) is written once and named by the others ({"$ref": [collection, id]}).
import {
  inFilter,
  SandboxError,
  selectsAll,
  tenantKey,
  type Clock,
  type FaultRules,
  type IdState,
  type Row,
  type Store,
  type TenantFilter,
  type WebhookQueue,
} from '../engine/index.js';
import type { Kits } from './kits.js';
import type { Sandbox, StateDump, TenantDump } from './types.js';

export interface DumpDeps {
  store: Store;
  kits: Kits;
  clock: Clock;
  rules: FaultRules;
  queue: WebhookQueue;
  reset(filter: TenantFilter): void;
}

type Ref = { $ref: [string, string] };
const isRef = (row: unknown): row is Ref =>
  typeof row === 'object' && row !== null && Array.isArray((row as Ref).$ref);

function exportTenant(deps: DumpDeps, provider: string, tenant: string): TenantDump {
  const key = tenantKey({ provider, tenant });
  const seen = new Map<Row, [string, string]>();
  const collections: TenantDump['collections'] = {};
  // Records before lookups, so a lookup row names its record.
  const all = deps.store
    .dump({ provider, tenant })
    .sort(([a], [b]) => Number(a[0] === '_') - Number(b[0] === '_'));
  for (const [c, indexed, rows] of all) {
    const out: Record<string, Row | Ref> = {};
    for (const [id, row] of rows) {
      const home = seen.get(row);
      out[id] = home ? { $ref: home } : structuredClone(row);
      if (!home) seen.set(row, [c, id]);
    }
    collections[c] = indexed ? { indexed: true, rows: out } : { rows: out };
  }
  const ids = deps.kits.of(provider, tenant).ids.save();
  const offset = deps.clock.offsets().tenants[key] ?? 0;
  const webhooks = structuredClone(deps.queue.saved({ provider, tenant }));
  return { provider, tenant, collections, ids, offset, ...(webhooks.length ? { webhooks } : {}) };
}

export function exportState(deps: DumpDeps, filter: TenantFilter): StateDump {
  const tenants = deps.store
    .tenants(filter.provider)
    .filter((t) => inFilter(filter, t))
    .map((t) => exportTenant(deps, t.provider, t.tenant));
  const o = deps.clock.offsets();
  const global = selectsAll(filter)
    ? { clock: o.global, faults: deps.rules.saved().rules }
    : undefined;
  return { format: 'kyc-sandbox-state', version: 1, tenants, ...(global ? { global } : {}) };
}

function importTenant(deps: DumpDeps, t: TenantDump) {
  const { provider, tenant } = t;
  deps.reset({ provider, tenant });
  const ns = deps.store.ns(provider, tenant);
  const refs: [string, string, Ref][] = [];
  for (const [c, { indexed, rows }] of Object.entries(t.collections)) {
    for (const [id, row] of Object.entries(rows)) {
      if (isRef(row)) refs.push([c, id, row]);
      else if (indexed) ns.append(c, id, row);
      else ns.put(c, id, row);
    }
  }
  for (const [c, id, { $ref }] of refs) {
    const row = ns.get($ref[0], $ref[1]);
    if (row) ns.put(c, id, row);
  }
  if (t.ids) deps.kits.restoreIds(provider, tenant, t.ids as IdState);
  const key = tenantKey({ provider, tenant });
  const offset = deps.clock.offsets().tenants[key] ?? 0;
  if (t.offset && t.offset !== offset) deps.clock.advance(t.offset - offset, key);
  for (const saved of t.webhooks ?? [])
    deps.queue.restore({ provider, tenant }, saved.delivery.id, structuredClone(saved), true);
}

/** Replaces each tenant the document holds (and, for a whole-sandbox document, the fault rules). */
export function importState(deps: DumpDeps, dump: StateDump): { tenants: number } {
  if (dump?.format !== 'kyc-sandbox-state' || dump.version !== 1 || !Array.isArray(dump.tenants))
    throw new SandboxError(
      400,
      'bad_state_document',
      'Not a kyc-sandbox state document (version 1)',
      'kyc-sandbox export writes one',
    );
  for (const t of dump.tenants) importTenant(deps, t);
  if (dump.global) {
    deps.rules.delete();
    for (const { id: _id, hits: _hits, ...rule } of dump.global.faults) deps.rules.add(rule);
    const now = deps.clock.offsets().global;
    if (dump.global.clock !== now) deps.clock.advance(dump.global.clock - now);
  }
  return { tenants: dump.tenants.length };
}

export const dumpService = (deps: DumpDeps): Pick<Sandbox, 'exportState' | 'importState'> => ({
  exportState: (filter = {}) => exportState(deps, filter),
  importState: (dump) => importState(deps, dump),
});
