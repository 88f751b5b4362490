// A commit as one JSON text: what the redis: backend's commit script applies and appends to the log,
// and what other instances read back from the log to catch up.
import type { TenantFilter } from '../engine/index.js';
import type { Batch } from './changes.js';
import type { GlobalMeta, RowWrite, TenantMeta } from './codec.js';

type Wire = [
  [string | null, string | null][],
  [string, string, string | null][],
  [string, string | null][],
  string | null,
];

const SEP = '\u0001';

export function toPayload(b: Batch): string {
  const wire: Wire = [
    b.resets.map((f) => [f.provider ?? null, f.tenant ?? null]),
    b.rows.map((r) => [r.tenant, `${r.collection}${SEP}${r.id}`, r.value]),
    b.tenants.map(([key, meta]) => [key, meta === null ? null : JSON.stringify(meta)]),
    b.global ? JSON.stringify(b.global) : null,
  ];
  return JSON.stringify(wire);
}

export function fromPayload(text: string): Batch {
  const [resets, rows, tenants, global] = JSON.parse(text) as Wire;
  return {
    resets: resets.map(([provider, tenant]) => {
      const f: TenantFilter = {};
      if (provider !== null) f.provider = provider;
      if (tenant !== null) f.tenant = tenant;
      return f;
    }),
    rows: rows.map(([tenant, field, value]): RowWrite => {
      const at = field.indexOf(SEP);
      return { tenant, collection: field.slice(0, at), id: field.slice(at + 1), value };
    }),
    tenants: tenants.map(([key, meta]) => [
      key,
      meta === null ? null : (JSON.parse(meta) as TenantMeta),
    ]),
    global: global === null ? undefined : (JSON.parse(global) as GlobalMeta),
  };
}
