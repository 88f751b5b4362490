// x-idempotency-key on POST/PUT (third-party SDK; at most 64 characters). A retry with the same key
// and the same request gets the stored answer with no second side effect; the same key with another
// request is refused (422, as the IETF idempotency-key draft says). Kept per tenant for 24 hours.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';

export const IDEMPOTENCY_HEADER = 'x-idempotency-key';
export const REPLAYED_HEADER = 'x-idempotent-replayed';
const COLLECTION = '_idempotency';
const TTL_MS = 24 * 3_600_000;

interface Stored extends Record<string, unknown> {
  fingerprint: string;
  state: 'running' | 'done';
  status: number;
  body: string;
  storedAt: number;
}

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
    const stored = kit.ns.get<Stored>(COLLECTION, key);
    if (stored && kit.now() < stored.storedAt + TTL_MS) {
      if (stored.fingerprint !== fingerprint) throw fail('IDEMPOTENCY_KEY_REUSED');
      if (stored.state === 'running') throw fail('IDEMPOTENCY_KEY_IN_USE');
      return new Response(stored.body, {
        status: stored.status,
        headers: { 'content-type': 'application/json', [REPLAYED_HEADER]: 'true' },
      });
    }
    kit.ns.put<Stored>(COLLECTION, key, {
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
        kit.ns.put<Stored>(COLLECTION, key, {
          fingerprint,
          state: 'done',
          status: res.status,
          body: await res.clone().text(),
          storedAt: kit.now(),
        });
      } else kit.ns.delete(COLLECTION, key);
    }
  };
}
