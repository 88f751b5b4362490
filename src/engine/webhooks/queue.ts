// The outgoing webhook queue, driven by the clock: each delivery has a retry schedule on its
// tenant's clock, is attempted over real HTTP, and keeps every attempt for the admin API.
import type { WebhookPost } from './post.js';
import { inFilter, type TenantFilter } from '../tenant.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'not_sent';

export interface Attempt {
  at: string;
  manual: boolean;
  status: number | null;
  error: string | null;
  responseBody: string | null;
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
  /** Delays between attempts in ms, on the tenant's clock: [0, 60000] = retry at once, then after a minute. */
  retries: readonly number[];
  /** Vendor data the provider keeps with the delivery (Capa's notification id, a subject id). */
  meta?: Record<string, unknown>;
}

export interface Delivery extends Omit<NewDelivery, 'sign'> {
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

/** `now` reads the clock of a delivery's tenant. */
export function createWebhookQueue(
  now: (d: { provider: string; tenant: string }) => number,
  post: WebhookPost,
): WebhookQueue {
  const deliveries = new Map<string, Delivery>();
  const signers = new Map<string, NewDelivery['sign']>();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  async function attempt(d: Delivery, manual: boolean) {
    const at = now(d);
    const started = performance.now();
    const record: Attempt = {
      at: new Date(at).toISOString(),
      manual,
      status: null,
      error: null,
      responseBody: null,
      durationMs: 0,
    };
    try {
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'kyc-sandbox-webhooks',
        ...signers.get(d.id)?.(d.body, at),
      };
      const res = await post(d.url!, {
        method: 'POST',
        headers,
        body: d.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      record.status = res.status;
      const text = await res.text();
      if (!res.ok) record.responseBody = text.slice(0, 1024);
    } catch (err) {
      record.error = (err as Error).cause
        ? String((err as Error & { cause: Error }).cause.message)
        : (err as Error).message;
    }
    record.durationMs = Math.round(performance.now() - started);
    d.attempts.push(record);
    return record.status !== null && record.status >= 200 && record.status < 300;
  }

  async function scheduled(d: Delivery) {
    const ok = await attempt(d, false);
    const automatic = d.attempts.filter((a) => !a.manual).length;
    if (ok) {
      d.status = 'delivered';
      d.nextAttemptAt = null;
    } else if (automatic > d.retries.length) {
      d.status = 'failed';
      d.nextAttemptAt = null;
    } else {
      // From the previous scheduled instant, so a large clock jump catches up every retry in order.
      d.nextAttemptAt = (d.nextAttemptAt ?? now(d)) + d.retries[automatic - 1];
    }
  }

  function due() {
    return [...deliveries.values()].filter(
      (d) =>
        d.status === 'pending' &&
        d.nextAttemptAt !== null &&
        d.nextAttemptAt <= now(d) &&
        !inFlight.has(d.id),
    );
  }

  async function pump() {
    const batch = due().map((d) => {
      const p = scheduled(d).finally(() => inFlight.delete(d.id));
      inFlight.set(d.id, p);
      return p;
    });
    await Promise.all(batch);
  }

  return {
    enqueue(input) {
      const { sign, ...rest } = input;
      const d: Delivery = {
        ...rest,
        status: input.url ? 'pending' : 'not_sent',
        createdAt: new Date(now(input)).toISOString(),
        attempts: [],
        nextAttemptAt: input.url ? now(input) : null,
      };
      deliveries.set(d.id, d);
      signers.set(d.id, sign);
      if (d.url) void pump();
      return d;
    },
    list: (filter = {}) => [...deliveries.values()].filter((d) => inFilter(filter, d)),
    get: (id) => deliveries.get(id),
    async replay(id) {
      const d = deliveries.get(id);
      if (!d?.url) return d;
      await inFlight.get(id);
      if (await attempt(d, true)) {
        d.status = 'delivered';
        d.nextAttemptAt = null;
      } else if (d.status !== 'pending') d.status = 'failed';
      return d;
    },
    pump,
    async flush() {
      for (let i = 0; i < 100; i++) {
        await Promise.all(inFlight.values());
        if (due().length === 0) return;
        await pump();
      }
    },
    start(intervalMs = 250) {
      timer ??= setInterval(() => void pump(), intervalMs).unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    reset(filter = {}) {
      for (const d of [...deliveries.values()]) {
        if (inFilter(filter, d)) {
          deliveries.delete(d.id);
          signers.delete(d.id);
        }
      }
    },
  };
}
