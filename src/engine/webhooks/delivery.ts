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
  /**
   * Signature headers, computed at each attempt (some vendors sign the attempt's timestamp);
   * `flaw` asks for a signature the receiver must reject (a webhook scenario).
   */
  sign?: (body: string, now: number, flaw: SignatureFlaw | null) => Record<string, string>;
  /** The URL registered now: a replay goes there, not to the one the event was queued with. */
  target?: () => string | undefined;
  /** Delays between attempts in ms, on the tenant's clock: [0, 60000] = retry at once, then after a minute. */
  retries: readonly number[];
  /** Vendor data the provider keeps with the delivery (Capa's notification id, a subject id). */
  meta?: Record<string, unknown>;
  /** The session (or subject) the event is about: `reorder` holds an event until the next one of it. */
  subject?: string;
  /** A webhook scenario's shape for this delivery. */
  shape?: Shape;
}

export interface Delivery extends Omit<NewDelivery, 'sign' | 'target' | 'shape'> {
  status: DeliveryStatus;
  /** The webhook scenario that shaped the delivery, if one did. */
  scenario: string | null;
  createdAt: string;
  attempts: Attempt[];
  nextAttemptAt: number | null;
}

export interface WebhookQueue {
  enqueue(d: NewDelivery): Delivery;
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
  /** Finished deliveries kept per tenant (the oldest go first). */
  keep?: number;
  /** Finished deliveries older than this on the tenant's clock go at sweep(). */
  ageMs?: number;
}
