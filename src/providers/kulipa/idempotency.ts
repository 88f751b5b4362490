// x-idempotency-key on POST/PUT: a retry replays the stored answer instead of acting twice.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  dropIdempotencyEntry,
  idempotencyEntry,
  saveIdempotencyEntry,
  type IdempotencyEntry,
} from './records.js';

export const IDEMPOTENCY_HEADER = 'x-idempotency-key';
export const REPLAYED_HEADER = 'x-idempotent-replayed';
const TTL_MS = 24 * 3_600_000;

/** Same JSON with keys sorted, so a retry that reorders keys still counts as the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

function fingerprintOf(method: string, path: string, raw: string): string {
  let body = raw;
  try {
    body = JSON.stringify(canonical(JSON.parse(raw)));
  } catch {
    /* not JSON: compare the bytes */
  }
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * Third-party SDK: at most 64 characters. A retry with the same key and the same request gets the
 * stored answer with no second side effect; the same key with another request is refused (422, as
 * the IETF idempotency-key draft says). Kept per tenant for 24 hours.
 */
export function idempotency(): MiddlewareHandler<ProviderEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PUT')) return next();
    if (key.length < 1 || key.length > 64)
      throw fail('IDEMPOTENCY_KEY_INVALID', {
        details: {
          issues: [{ path: [IDEMPOTENCY_HEADER], message: 'must be between 1 and 64 characters' }],
        },
      });
    const kit = c.get('kit');
    const fingerprint = fingerprintOf(c.req.method, c.req.path, c.get('requestText') ?? ''); // the body the pipeline read
    const stored = idempotencyEntry(kit, key);
    if (stored && kit.now() < stored.storedAt + TTL_MS) {
      if (stored.fingerprint !== fingerprint) throw fail('IDEMPOTENCY_KEY_REUSED');
      if (stored.state === 'running') throw fail('IDEMPOTENCY_KEY_IN_USE');
      // Through reply(), so the replay carries the headers the auth stage set (x-ratelimit-*).
      return reply(c, JSON.parse(stored.body), stored.status as ContentfulStatusCode, {
        [REPLAYED_HEADER]: 'true',
      });
    }
    saveIdempotencyEntry(kit, key, {
      fingerprint,
      state: 'running',
      status: 0,
      body: '',
      storedAt: kit.now(),
    });
    try {
      await next();
    } finally {
      // Only successes are kept: a refused request changed nothing, so retrying it runs it again.
      const res = c.res;
      if (res.status >= 200 && res.status < 300) {
        const entry: IdempotencyEntry = {
          fingerprint,
          state: 'done',
          status: res.status,
          body: c.get('rendered')?.text ?? (await res.clone().text()),
          storedAt: kit.now(),
        };
        saveIdempotencyEntry(kit, key, entry);
      } else dropIdempotencyEntry(kit, key);
    }
  };
}
