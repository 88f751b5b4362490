// What falls due next, per tenant: a min-heap of (instant, record id) kept in one row of a "_"
// collection of the tenant's namespace (so reset and snapshot treat it as the rest of the tenant's
// state). A provider that settles what fell due on every call pays for what fell due, not for every
// record the tenant holds.
import type { Namespace } from './store.js';

interface Heap extends Record<string, unknown> {
  /** [instant (epoch ms), id] pairs in heap order: each entry's instant ≤ its children's. */
  entries: [number, string][];
  /** At this size the entries of records no longer held are dropped (twice what was left then). */
  tidyAt: number;
}

export interface DueQueue {
  /**
   * Remembers that something of record `id` falls due at `at` (epoch ms). A record may be queued
   * once per instant it has; an entry whose record changed since is harmless (the caller re-reads).
   */
  add(ns: Namespace, id: string, at: number): void;
  /** Takes out every entry due at `now` or before: their ids, earliest first, each id once. */
  take(ns: Namespace, now: number): string[];
}

const ROW = 'heap';

/**
 * A due queue in `collection` (a "_" one). `held(ns, id)` says whether a record is still held:
 * retention drops records without telling, so their entries are dropped when the queue has doubled.
 */
export function dueQueue(
  collection: string,
  held: (ns: Namespace, id: string) => boolean,
): DueQueue {
  if (!collection.startsWith('_')) throw new Error(`a due queue lives in a "_" collection`);
  const heapOf = (ns: Namespace) => ns.get<Heap>(collection, ROW);
  return {
    add(ns, id, at) {
      if (!Number.isFinite(at)) return;
      const heap = heapOf(ns) ?? ns.put<Heap>(collection, ROW, { entries: [], tidyAt: 1024 });
      if (heap.entries.length >= heap.tidyAt) {
        heap.entries = heap.entries.filter(([, id]) => held(ns, id)).sort((a, b) => a[0] - b[0]);
        heap.tidyAt = Math.max(1024, 2 * heap.entries.length);
      }
      heap.entries.push([at, id]);
      up(heap.entries, heap.entries.length - 1);
    },
    take(ns, now) {
      const entries = heapOf(ns)?.entries;
      const out = new Set<string>();
      while (entries?.length && entries[0][0] <= now) out.add(pop(entries)[1]);
      return [...out];
    },
  };
}

function up(h: [number, string][], i: number) {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (h[parent][0] <= h[i][0]) return;
    [h[parent], h[i]] = [h[i], h[parent]];
    i = parent;
  }
}

function pop(h: [number, string][]): [number, string] {
  const top = h[0];
  const last = h.pop()!;
  if (h.length === 0) return top;
  h[0] = last;
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let least = i;
    if (l < h.length && h[l][0] < h[least][0]) least = l;
    if (r < h.length && h[r][0] < h[least][0]) least = r;
    if (least === i) return top;
    [h[least], h[i]] = [h[i], h[least]];
    i = least;
  }
}
