// One tenant's deliveries in creation order, the pending ones apart (finding what is due costs what
// is pending, not what was ever sent), and the events a reorder holds back.
import type { Delivery } from './delivery.js';
import type { TenantRef } from '../tenant.js';

export const finished = (d: Delivery) => d.status !== 'pending';

export class TenantDeliveries {
  readonly all = new Map<string, Delivery>();
  readonly pending = new Set<Delivery>();
  /** Finished deliveries held (the cap counts these; pending ones are never dropped). */
  done = 0;
  /** Events a `reorder` scenario holds, by subject, until the next event of that subject has gone. */
  readonly held = new Map<string, Delivery>();
  /**
   * Creation order from `head` on, for finding the oldest finished delivery: iterating the Map from
   * its start would walk every slot deleted since its last rehash (most of them, at the cap).
   */
  private order: Delivery[] = [];
  private head = 0;

  constructor(readonly ref: TenantRef) {}

  add(d: Delivery) {
    this.all.set(d.id, d);
    this.order.push(d);
    if (finished(d)) this.done++;
    else this.pending.add(d);
  }

  /** A delivery's status changed: kept with the pending ones or counted as finished. */
  moved(d: Delivery, wasFinished: boolean) {
    if (wasFinished === finished(d)) return;
    if (wasFinished) {
      this.done--;
      this.pending.add(d);
    } else {
      this.done++;
      this.pending.delete(d);
    }
  }

  remove(d: Delivery) {
    if (this.all.get(d.id) !== d) return;
    this.all.delete(d.id);
    if (finished(d)) this.done--;
    else this.pending.delete(d);
    for (const [subject, h] of this.held) if (h === d) this.held.delete(subject);
  }

  /** The oldest finished delivery still held (pending ones are passed over, never dropped). */
  oldestFinished(): Delivery | undefined {
    const held = (d: Delivery) => this.all.get(d.id) === d;
    while (this.head < this.order.length && !held(this.order[this.head]!)) this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    for (let i = this.head; i < this.order.length; i++) {
      const d = this.order[i]!;
      if (held(d) && finished(d)) return d;
    }
    return undefined;
  }
}
