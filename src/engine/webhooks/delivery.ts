// What the webhook queue takes and keeps: a delivery, its status and attempts, and the queue's API.
import type { Attempt } from './attempt.js';
import type { WebhookPost } from './post.js';
import type { Shape, SignatureFlaw } from './shape.js';
import type { TenantFilter, TenantRef } from '../tenant.js';

export type { Attempt } from './attempt.js';

/** dropped: a webhook scenario kept it from ever being sent. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'not_sent' | 'dropped';

export interface NewDelivery {
  id: string;
  provider: string;
  tenant: string;
  event: string;
  /** No URL registered: the delivery is logged as not_sent (vendors such as Capa show NOT_SENT). */
  url: string | undefined;
  body: string;
  /** Delays between attempts in ms, on the tenant's clock: [0, 60000] = retry at once, then after a minute. */
  retries: readonly number[];
  /** Vendor data the provider keeps with the delivery (Capa's notification id, a subject id). */
  meta?: Record<string, unknown>;
  /** The session (or subject) the event is about: `reorder` holds an event until the next one of it. */
  subject?: string;
  /** A webhook scenario's shape for this delivery. */
  shape?: Shape;
}

export interface Delivery extends Omit<NewDelivery, 'shape'> {
  status: DeliveryStatus;
  /** The webhook scenario that shaped the delivery, if one did. */
  scenario: string | null;
  createdAt: string;
  attempts: Attempt[];
  nextAttemptAt: number | null;
}

/**
 * What only the vendor knows, asked at each attempt from the tenant's state as it is then (so a
 * changed secret or URL applies to retries, and a restarted sandbox signs as before): data in a
 * delivery, no closures, is what lets it outlive the process.
 */
export interface VendorHooks {
  /** Signature headers for one attempt at `now`; `flaw` asks for one the receiver must reject. */
  sign(d: Delivery, now: number, flaw: SignatureFlaw | null): Record<string, string>;
  /** The URL registered now: a replay goes there, not to the one the event was queued with. */
  target(d: Delivery): string | undefined;
}

/** A delivery with what the admin API never shows: its shape and where that shape has got to. */
export interface SavedDelivery {
  delivery: Delivery;
  shape?: Shape;
  /** Copies still to deliver (duplicate), and the headers the first copy was signed with. */
  copies: number;
  signed?: Record<string, string>;
  /** A held (reordered) event that goes once this one's first attempt is over. */
  release?: string;
  /** While a reorder holds this one: the session and receiver whose next event releases it. */
  holding?: string;
  /** The instance that makes its attempts (shared state); none: whichever holds it. */
  owner?: string;
}

/** What a delivery keeps that the admin API never shows. */
export type DeliveryHooks = Omit<SavedDelivery, 'delivery'>;

/**
 * Where deliveries are kept beyond the process (a durable backend): every change is reported, and
 * on shared state each delivery has an owner, the instance that attempts it.
 */
export interface DeliveryLedger {
  /** This instance's name when instances share state; undefined: every delivery is this one's. */
  readonly owner: string | undefined;
  /** A delivery changed (null: it went); written at the next commit. */
  changed(ref: TenantRef, id: string, saved: SavedDelivery | null): void;
}

export interface WebhookQueue {
  enqueue(d: NewDelivery): Delivery;
  /**
   * A delivery as kept (read back at start, or changed by another instance); null: it went. With
   * `own` (an import), it becomes this instance's and is reported to the ledger.
   */
  restore(ref: TenantRef, id: string, saved: SavedDelivery | null, own?: boolean): void;
  /** The tenant's deliveries as kept, in creation order (an export). */
  saved(ref: TenantRef): SavedDelivery[];
  /** Pending deliveries owned by instances other than this one, by owner ('' for none). */
  foreignOwners(): Map<string, Set<string>>;
  /** This instance takes over the tenant's pending deliveries whose owner is `from` ('' for none). */
  adopt(ref: TenantRef, from: string): void;
  list(filter?: TenantFilter): Delivery[];
  /** A delivery by id (only among the tenant's, when one is given). */
  get(id: string, ref?: TenantRef): Delivery | undefined;
  /** One manual attempt now, outside the automatic schedule. */
  replay(id: string): Promise<Delivery | undefined>;
  /** Starts every attempt due now (in the background); resolves when those have finished. */
  pump(filter?: TenantFilter): Promise<void>;
  /** Pumps until nothing due is left (tests use this; nobody else waits for receivers). */
  flush(filter?: TenantFilter): Promise<void>;
  /** Drops finished deliveries created before `now(tenant) - ageMs`. */
  sweep(now: (ref: TenantRef) => number, filter?: TenantFilter): void;
  /** How many deliveries are held. */
  readonly size: number;
  start(intervalMs?: number): void;
  /** Stops the timer and cuts attempts in flight short (each recorded as interrupted). */
  stop(): Promise<void>;
  reset(filter?: TenantFilter): void;
}

export interface QueueOptions {
  /** Reads the clock of a delivery's tenant. */
  now: (ref: TenantRef) => number;
  post: WebhookPost;
  vendor: VendorHooks;
  /** Where deliveries are kept beyond the process; none: memory only. */
  ledger?: DeliveryLedger;
  /** Finished deliveries kept per tenant (the oldest go first). */
  keep?: number;
  /** Finished deliveries older than this on the tenant's clock go at sweep(). */
  ageMs?: number;
}
