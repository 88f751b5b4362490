// One tenant's deliveries in creation order, the pending ones apart (finding what is due costs what
// is pending, not what was ever sent), and the events a reorder holds back.
import type { Delivery, DeliveryHooks } from './delivery.js';
import { REORDER_HOLD_MS } from './shape.js';
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

  /** A delivery as kept elsewhere: the one held is updated in place (in-flight work keeps it). */
  restore(delivery: Delivery, holding: string | undefined): Delivery {
    const d = this.all.get(delivery.id);
    if (d) {
      const was = finished(d);
      Object.assign(d, delivery);
      this.moved(d, was);
    } else this.add(delivery);
    const kept = d ?? delivery;
    if (holding && !finished(kept)) this.held.set(holding, kept);
    return kept;
  }

  /** Finished deliveries created before `cutoff` (an ISO instant): retention's age. */
  *finishedBefore(cutoff: string) {
    for (const d of this.all.values()) {
      if (d.createdAt >= cutoff) return;
      if (finished(d)) yield d;
    }
  }

  /**
   * Applies a scenario's shape to a new delivery (delayed, or held back for a reorder) and releases
   * the event a reorder held for the same session and receiver; returns that one, if any.
   */
  shape(d: Delivery, hooks: DeliveryHooks, hooksOf: (d: Delivery) => DeliveryHooks) {
    const subject = `${d.subject ?? ''} ${d.url}`;
    const held = this.held.get(subject);
    if (held && held !== d) {
      this.held.delete(subject);
      hooksOf(held).holding = undefined;
      hooks.release = held.id;
    }
    const shape = hooks.shape;
    if (shape) {
      d.scenario = shape.label;
      if (d.nextAttemptAt !== null) d.nextAttemptAt += shape.delayMs; // null: dropped, or no URL
      if (d.nextAttemptAt !== null && shape.reorder) {
        d.nextAttemptAt += REORDER_HOLD_MS;
        hooks.holding = subject;
        this.held.set(subject, d);
      }
    }
    return held && held !== d ? held : undefined;
  }

  /** The owners of pending deliveries other than `me` ('' for none). */
  ownersBesides(me: string, ownerOf: (d: Delivery) => string | undefined) {
    const owners = new Set<string>();
    for (const d of this.pending) if ((ownerOf(d) ?? '') !== me) owners.add(ownerOf(d) ?? '');
    return owners;
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
