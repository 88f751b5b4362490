// The outgoing webhook queue, driven by the clock: each delivery has a retry schedule on its
// tenant's clock, is attempted over real HTTP, and keeps every attempt for the admin API.
import { TRUNCATED_HEADER, type WebhookPost } from './post.js';
import { inFilter, type TenantFilter } from '../tenant.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'not_sent';

export interface Attempt {
  at: string;
  manual: boolean;
  status: number | null;
  error: string | null;
  /** The receiver's answer to a failed attempt, its first RECORDED_BODY characters. */
  responseBody: string | null;
  /** The answer was longer than what was read or recorded. */
  truncated: boolean;
  durationMs: number;
}

export interface NewDelivery {
  id: string;
  provider: string;
  tenant: string;
  event: string;
  /** No URL registered: the delivery is logged as not_sent (vendors such as Capa show NOT_SENT). */
  url: string | undefined;
  body: string;
  /** Signature headers, computed at each attempt (some vendors sign the attempt's timestamp). */
  sign?: (body: string, now: number) => Record<string, string>;
  /** The URL registered now: a replay goes there, not to the one the event was queued with. */
  target?: () => string | undefined;
  /** Delays between attempts in ms, on the tenant's clock: [0, 60000] = retry at once, then after a minute. */
  retries: readonly number[];
  /** Vendor data the provider keeps with the delivery (Capa's notification id, a subject id). */
  meta?: Record<string, unknown>;
}

export interface Delivery extends Omit<NewDelivery, 'sign' | 'target'> {
  status: DeliveryStatus;
  createdAt: string;
  attempts: Attempt[];
  nextAttemptAt: number | null;
}

export interface WebhookQueue {
  enqueue(d: NewDelivery): Delivery;
  list(filter?: TenantFilter): Delivery[];
  get(id: string): Delivery | undefined;
  /** One manual attempt now, outside the automatic schedule. */
  replay(id: string): Promise<Delivery | undefined>;
  /** Attempts everything due now; resolves when those attempts have finished. */
  pump(): Promise<void>;
  /** Pumps until nothing due is left (tests and clock moves use this). */
  flush(): Promise<void>;
  start(intervalMs?: number): void;
  stop(): void;
  reset(filter?: TenantFilter): void;
}

const TIMEOUT_MS = 5000;
/** Characters of a failed attempt's answer kept with the attempt. */
const RECORDED_BODY = 1024;

/** `now` reads the clock of a delivery's tenant. */
export function createWebhookQueue(
  now: (d: { provider: string; tenant: string }) => number,
  post: WebhookPost,
): WebhookQueue {
  return new Queue(now, post);
}

const errorText = (err: unknown) => {
  const e = err as Error & { cause?: Error };
  return e.cause ? String(e.cause.message) : e.message;
};

class Queue implements WebhookQueue {
  private readonly deliveries = new Map<string, Delivery>();
  private readonly signers = new Map<string, NewDelivery['sign']>();
  private readonly targets = new Map<string, NewDelivery['target']>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: (d: { provider: string; tenant: string }) => number,
    private readonly post: WebhookPost,
  ) {}

  /** One HTTP attempt, recorded; true when the receiver answered 2xx. */
  private async attempt(d: Delivery, manual: boolean): Promise<boolean> {
    const at = this.now(d);
    const started = performance.now();
    const record: Attempt = {
      at: new Date(at).toISOString(),
      manual,
      status: null,
      error: null,
      responseBody: null,
      truncated: false,
      durationMs: 0,
    };
    try {
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'kyc-sandbox-webhooks',
        ...this.signers.get(d.id)?.(d.body, at),
      };
      const signal = AbortSignal.timeout(TIMEOUT_MS);
      const res = await this.post(d.url!, { method: 'POST', headers, body: d.body, signal });
      record.status = res.status;
      const text = await res.text();
      if (!res.ok) record.responseBody = text.slice(0, RECORDED_BODY);
      record.truncated = res.headers.has(TRUNCATED_HEADER) || text.length > RECORDED_BODY;
    } catch (err) {
      record.error = errorText(err);
    }
    record.durationMs = Math.round(performance.now() - started);
    d.attempts.push(record);
    return record.status !== null && record.status >= 200 && record.status < 300;
  }

  /** An automatic attempt, then the next one scheduled or the delivery settled. */
  private async scheduled(d: Delivery) {
    const ok = await this.attempt(d, false);
    const automatic = d.attempts.filter((a) => !a.manual).length;
    if (ok) {
      d.status = 'delivered';
      d.nextAttemptAt = null;
    } else if (automatic > d.retries.length) {
      d.status = 'failed';
      d.nextAttemptAt = null;
    } else {
      // From the previous scheduled instant, so a large clock jump catches up every retry in order.
      d.nextAttemptAt = (d.nextAttemptAt ?? this.now(d)) + d.retries[automatic - 1];
    }
  }

  private due() {
    return [...this.deliveries.values()].filter(
      (d) =>
        d.status === 'pending' &&
        d.nextAttemptAt !== null &&
        d.nextAttemptAt <= this.now(d) &&
        !this.inFlight.has(d.id),
    );
  }

  async pump() {
    const batch = this.due().map((d) => {
      const p = this.scheduled(d).finally(() => this.inFlight.delete(d.id));
      this.inFlight.set(d.id, p);
      return p;
    });
    await Promise.all(batch);
  }

  enqueue(input: NewDelivery): Delivery {
    const { sign, target, ...rest } = input;
    const d: Delivery = {
      ...rest,
      status: input.url ? 'pending' : 'not_sent',
      createdAt: new Date(this.now(input)).toISOString(),
      attempts: [],
      nextAttemptAt: input.url ? this.now(input) : null,
    };
    this.deliveries.set(d.id, d);
    this.signers.set(d.id, sign);
    if (target) this.targets.set(d.id, target);
    if (d.url) void this.pump();
    return d;
  }

  list(filter: TenantFilter = {}) {
    return [...this.deliveries.values()].filter((d) => inFilter(filter, d));
  }

  get(id: string) {
    return this.deliveries.get(id);
  }

  /** One manual attempt now, to the URL registered now (a NOT_SENT one included, once there is one). */
  async replay(id: string) {
    const d = this.deliveries.get(id);
    if (!d) return d;
    const now = this.targets.get(id)?.();
    if (now) d.url = now;
    if (!d.url) return d;
    await this.inFlight.get(id);
    if (await this.attempt(d, true)) {
      d.status = 'delivered';
      d.nextAttemptAt = null;
    } else if (d.status !== 'pending') d.status = 'failed';
    return d;
  }

  async flush() {
    for (let i = 0; i < 100; i++) {
      await Promise.all(this.inFlight.values());
      if (this.due().length === 0) return;
      await this.pump();
    }
  }

  start(intervalMs = 250) {
    this.timer ??= setInterval(() => void this.pump(), intervalMs).unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  reset(filter: TenantFilter = {}) {
    for (const d of [...this.deliveries.values()]) {
      if (inFilter(filter, d)) {
        this.deliveries.delete(d.id);
        this.signers.delete(d.id);
        this.targets.delete(d.id);
      }
    }
  }
}
