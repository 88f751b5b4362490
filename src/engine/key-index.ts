// Lookups a provider keeps beside its records (an email → a user id, a taxId → an entity id, an
// entity → its validation ids), so a create does not search what the tenant holds. Each lookup is
// one row of a "_" collection holding a Map: retention's count cap drops a collection's oldest rows,
// and one row is never dropped in part. Retention drops records, not lookup entries, so an entry may
// name a record that is gone: `get` answers only what `holds` confirms, and each `set` checks the two
// oldest entries and drops those `holds` no longer confirms, so a lookup stays about the size of what
// the tenant holds.
import type { Namespace } from './store.js';

interface Entries<V> extends Record<string, unknown> {
  entries: Map<string, V>;
}

export interface KeyIndex<V> {
  /** What the key names, when `holds` confirms it. */
  get(ns: Namespace, key: string): V | undefined;
  /** Names `value` by `key`, as the newest entry. */
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
  const entriesOf = (ns: Namespace) => ns.get<Entries<V>>(collection, ROW)?.entries;
  return {
    get(ns, key) {
      const value = entriesOf(ns)?.get(key);
      return value !== undefined && holds(ns, key, value) ? value : undefined;
    },
    set(ns, key, value) {
      const entries =
        entriesOf(ns) ?? ns.put<Entries<V>>(collection, ROW, { entries: new Map() }).entries;
      entries.delete(key);
      let checked = 0;
      for (const [k, v] of entries) {
        if (checked++ === CHECKED_PER_SET) break;
        if (!holds(ns, k, v)) entries.delete(k);
      }
      entries.set(key, value);
    },
    delete(ns, key) {
      entriesOf(ns)?.delete(key);
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
