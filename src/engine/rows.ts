// The two kinds of collection the store keeps, both in creation order so that retention can drop
// the oldest record first without keeping a timestamp per record: a Map (any id), and array slots
// for ids that carry their position (IdSource.indexed()).
import { indexOfId } from './ids.js';

export type Row = Record<string, unknown>;

/** A record's creation instant (epoch ms or an ISO string), when it has one. */
export function createdAt(row: Row): number {
  const at = row.createdAt;
  return typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN;
}

/** What the store needs of a collection. */
export interface Rows {
  readonly size: number;
  get(id: string): Row | undefined;
  has(id: string): boolean;
  set(id: string, row: Row): unknown;
  delete(id: string): boolean;
  values(): IterableIterator<Row>;
  entries(): IterableIterator<[string, Row]>;
  /** The oldest record still held. */
  first(): Row | undefined;
  /** Drops the oldest record; returns its id. */
  shift(): string | undefined;
}

/**
 * Any ids, with their insertion order kept beside the Map (an update keeps a record's place). The
 * oldest is found from a head index: a Map's own iteration would walk every slot deleted since its
 * last rehash, which is most of them when retention drops the oldest record at every insert. A key
 * deleted and stored again keeps its first place.
 */
export class MapRows extends Map<string, Row> implements Rows {
  private order: string[] = [];
  private head = 0;

  override set(id: string, row: Row) {
    if (!this.has(id)) this.order.push(id);
    return super.set(id, row);
  }

  /** The oldest key still held; the order is cut once most of it is behind the head. */
  private oldest(): string | undefined {
    while (this.head < this.order.length && !this.has(this.order[this.head]!)) this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return this.order[this.head];
  }

  first() {
    const id = this.oldest();
    return id === undefined ? undefined : this.get(id);
  }

  shift() {
    const id = this.oldest();
    if (id !== undefined) this.delete(id);
    return id;
  }
}

/** Records whose ids carry their position (IdSource.indexed()), an array slot each. */
export class IndexedRows implements Rows {
  private ids: (string | undefined)[] = [];
  private rows: (Row | undefined)[] = [];
  /** The position of ids[0]: slots before it were dropped by retention and compacted away. */
  private base = 0;
  /** Slots before it are empty. */
  private head = 0;
  size = 0;

  /** `salt`: the namespace's indexSalt, with which its ids encode their position. */
  constructor(private readonly salt: number) {}

  /** The slot holding this id, or -1. */
  private slot(id: string) {
    const at = indexOfId(id, this.salt) - this.base;
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
    const position = indexOfId(id, this.salt);
    // A position already compacted away belongs to a record retention dropped: nothing to update.
    if (position >= 0 && position < this.base) return this;
    const at = position - this.base;
    // An id from elsewhere, or a position far past the end, is a provider bug: say so rather than
    // overwrite another record or grow a sparse array.
    const held = this.ids[at];
    if (position < 0 || at > this.ids.length + 1024 || (held !== undefined && held !== id))
      throw new Error(`${id} is not an indexed id of this collection`);
    if (held === undefined) this.size++;
    this.ids[at] = id;
    this.rows[at] = row;
    return this;
  }

  /**
   * A row read back from a durable backend, in position order: any gap, the arrays kept packed;
   * the first one sets where the arrays start (retention may have dropped the positions before).
   */
  load(id: string, row: Row) {
    const position = indexOfId(id, this.salt);
    if (this.ids.length === 0 && position >= 0) this.base = position;
    const at = position - this.base;
    if (
      position < 0 ||
      at < this.ids.length - 1 ||
      (at === this.ids.length - 1 && this.ids[at] !== id)
    )
      throw new Error(`${id} is not an indexed id of this collection, or not in order`);
    while (this.ids.length < at) {
      this.ids.push(undefined);
      this.rows.push(undefined);
    }
    if (this.ids[at] === undefined) this.size++;
    this.ids[at] = id;
    this.rows[at] = row;
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
    for (let i = this.head; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row !== undefined) yield row;
    }
  }

  *entries(): IterableIterator<[string, Row]> {
    for (let i = this.head; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row !== undefined) yield [this.ids[i]!, row];
    }
  }

  private skipEmpty() {
    while (this.head < this.rows.length && this.rows[this.head] === undefined) this.head++;
  }

  first() {
    this.skipEmpty();
    return this.rows[this.head];
  }

  shift() {
    this.skipEmpty();
    if (this.head >= this.rows.length) return undefined;
    const id = this.ids[this.head]!;
    this.delete(id);
    // Once most of the arrays are dropped slots, cut them off, so memory follows what is held.
    if (this.head >= 1024 && this.head * 2 >= this.rows.length) {
      this.ids = this.ids.slice(this.head);
      this.rows = this.rows.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
    return id;
  }
}
