// How rows and tenant metadata are written in a durable backend. A row's value is one string: a
// kind letter, then JSON — 'p' a row of a keyed collection, 'a' of an indexed one (Namespace.append),
// 'r' another key of the same record (a lookup row whose value is the record itself: the record is
// written once, under its home key, and every other key names it, so it is one object again after a
// restart), 'w' a webhook delivery (kept in its own collection, read back into the webhook queue).
import type { IdState, Row, SavedDelivery, SavedFaults } from '../engine/index.js';

/** One row's place: its tenant's key ("capa:<credential>"), its collection and its id. */
export interface RowRef {
  tenant: string;
  collection: string;
  id: string;
}

/** A row as a backend stores it; value null: the row is deleted. */
export interface RowWrite extends RowRef {
  value: string | null;
}

/** What a tenant keeps beside its rows: where its id streams stand, its clock's offset. */
export interface TenantMeta {
  ids?: IdState;
  offset?: number;
}

/** What the sandbox keeps beside every tenant: the global clock offset and the fault rules. */
export interface GlobalMeta {
  clock: number;
  faults: SavedFaults;
}

const SEP = '\u0001';

/** A row's key: tenant, collection and id, joined by a byte no name holds. */
export const rowKey = (tenant: string, collection: string, id: string) =>
  `${tenant}${SEP}${collection}${SEP}${id}`;

export function splitRowKey(key: string): RowRef {
  const a = key.indexOf(SEP);
  const b = key.indexOf(SEP, a + 1);
  return { tenant: key.slice(0, a), collection: key.slice(a + 1, b), id: key.slice(b + 1) };
}

/** The first and past-the-last key of a tenant's rows (a key range). */
export const tenantRange = (tenant: string) => ({
  start: `${tenant}${SEP}`,
  end: `${tenant}\u0002`,
});

export const encodeRow = (row: Row, indexed: boolean) =>
  (indexed ? 'a' : 'p') + JSON.stringify(row);

export const encodeRef = (collection: string, id: string) => `r${JSON.stringify([collection, id])}`;

/** The collection a tenant's webhook deliveries are kept in (no provider's collection starts with ~). */
export const DELIVERIES = '~webhooks';

export const encodeDelivery = (d: SavedDelivery) => `w${JSON.stringify(d)}`;

export type Decoded =
  | { kind: 'row'; row: Row; indexed: boolean }
  | { kind: 'ref'; collection: string; id: string }
  | { kind: 'delivery'; saved: SavedDelivery };

export function decodeRow(value: string): Decoded {
  const body = value.slice(1);
  if (value[0] === 'w') return { kind: 'delivery', saved: JSON.parse(body) as SavedDelivery };
  if (value[0] === 'r') {
    const [collection, id] = JSON.parse(body) as [string, string];
    return { kind: 'ref', collection, id };
  }
  return { kind: 'row', row: JSON.parse(body) as Row, indexed: value[0] === 'a' };
}
