// Lookups a provider keeps beside its records (an email → a user id, a taxId → an entity id, an
// entity → its validation ids), so a create does not search what the tenant holds. Each lookup is
// one row of a "_" collection holding a Map: retention's count cap drops a collection's oldest rows,
// and one row is never dropped in part. Retention drops records, not lookup entries, so an entry may
// name a record that is gone: `get` answers only what `holds` confirms, and each `set` looks at the
// two keys longest unchecked, drops those `holds` no longer confirms and sends the others to the
// back, so a lookup stays about the size of what the tenant holds. The keys wait in an array with a
// head index, not in the Map's own order: a Map read from its front after deletions there skips
// every deleted slot each time (V8 keeps them until it rehashes; ~15 µs a call at 10k entries).
import type { Namespace } from './store.js';

interface Entries<V> extends Record<string, unknown> {
  entries: Map<string, V>;
  /** Keys in the order they are next checked, from `head`. */
  order: string[];
  head: number;
}

export interface KeyIndex<V> {
  /** What the key names, when `holds` confirms it. */
  get(ns: Namespace, key: string): V | undefined;
  /** Names `value` by `key`. */
  set(ns: Namespace, key: string, value: V): void;
  delete(ns: Namespace, key: string): void;
}

const ROW = 'entries';
const CHECKED_PER_SET = 2;

/**
 * A lookup in `collection` (a "_" one). `holds(ns, key, value)` says whether an entry still names
 * something the tenant holds; it may tidy a value in place (drop the ids of a list that are gone).
 */
export function keyIndex<V>(
  collection: string,
  holds: (ns: Namespace, key: string, value: V) => boolean,
): KeyIndex<V> {
  if (!collection.startsWith('_')) throw new Error('a lookup lives in a "_" collection');
  const rowOf = (ns: Namespace) => ns.get<Entries<V>>(collection, ROW);
  /** Looks at the keys longest unchecked: gone or stale ones are dropped, the rest go to the back. */
  function tidy(ns: Namespace, row: Entries<V>) {
    for (let i = 0; i < CHECKED_PER_SET && row.head < row.order.length; i++) {
      const key = row.order[row.head++];
      const value = row.entries.get(key);
      if (value === undefined) continue;
      if (holds(ns, key, value)) row.order.push(key);
      else row.entries.delete(key);
    }
    if (row.head >= 1024 && row.head * 2 >= row.order.length) {
      row.order = row.order.slice(row.head);
      row.head = 0;
    }
  }
  return {
    get(ns, key) {
      const value = rowOf(ns)?.entries.get(key);
      return value !== undefined && holds(ns, key, value) ? value : undefined;
    },
    set(ns, key, value) {
      const row =
        rowOf(ns) ??
        ns.put<Entries<V>>(collection, ROW, { entries: new Map(), order: [], head: 0 });
      tidy(ns, row);
      if (!row.entries.has(key)) row.order.push(key);
      row.entries.set(key, value);
    },
    delete(ns, key) {
      rowOf(ns)?.entries.delete(key);
    },
  };
}

export interface IdLists {
  /** The key's ids still held, oldest first. */
  ids(ns: Namespace, key: string): string[];
  /** The key's oldest id still held, without reading the rest. */
  first(ns: Namespace, key: string): string | undefined;
  /** The key's newest id still held, without reading the rest. */
  newest(ns: Namespace, key: string): string | undefined;
  /** Adds a new record's id, the newest of its key. */
  add(ns: Namespace, key: string, id: string): void;
  remove(ns: Namespace, key: string, id: string): void;
}

/**
 * Ids by key, oldest first (a user's KYCs, an entity's validations), in a keyIndex. `has` says
 * whether a record is still held; retention drops records oldest first, so the ids of the gone ones
 * are dropped from the front of their list as it is read.
 */
export function idLists(collection: string, has: (ns: Namespace, id: string) => boolean): IdLists {
  const index = keyIndex<string[]>(collection, (ns, _key, ids) => {
    while (ids.length > 0 && !has(ns, ids[0])) ids.shift();
    return ids.length > 0;
  });
  return {
    ids: (ns, key) => index.get(ns, key)?.filter((id) => has(ns, id)) ?? [],
    // The list's first id is held once `get` has dropped the gone ones in front of it.
    first: (ns, key) => index.get(ns, key)?.[0],
    newest(ns, key) {
      const ids = index.get(ns, key) ?? [];
      for (let i = ids.length - 1; i >= 0; i--) if (has(ns, ids[i])) return ids[i];
      return undefined;
    },
    add(ns, key, id) {
      const ids = index.get(ns, key);
      if (ids) ids.push(id);
      else index.set(ns, key, [id]);
    },
    remove(ns, key, id) {
      const ids = index.get(ns, key);
      const at = ids?.indexOf(id) ?? -1;
      if (at >= 0) ids!.splice(at, 1);
    },
  };
}
