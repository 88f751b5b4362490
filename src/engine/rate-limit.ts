// A real fixed-window rate limiter on the tenant's clock. Its window lives in the tenant's
// namespace, so a reset clears it and advancing the clock opens the next window.
import type { Kit } from './define-provider.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (epoch ms, tenant clock). */
  resetAt: number;
  /** Whole seconds until resetAt, at least 1 (for Retry-After). */
  retryAfterS: number;
}

export function takeRateToken(
  kit: Kit,
  limit: number,
  windowMs: number,
  bucket = 'default',
): RateDecision {
  const now = kit.now();
  let w = kit.ns.get<{ start: number; used: number }>('_ratelimit', bucket);
  if (!w || now >= w.start + windowMs)
    w = kit.ns.put('_ratelimit', bucket, { start: now, used: 0 });
  const allowed = w.used < limit;
  if (allowed) w.used++;
  const resetAt = w.start + windowMs;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - w.used),
    resetAt,
    retryAfterS: Math.max(1, Math.ceil((resetAt - now) / 1000)),
  };
}

/**
 * The X-RateLimit-* headers of a decision. Vendors disagree on what the reset header holds:
 * seconds until the window ends (Kulipa) or the window's end in epoch seconds (gu1).
 */
export function rateHeaders(d: RateDecision, reset: 'seconds' | 'epoch'): Record<string, string> {
  return {
    'x-ratelimit-limit': String(d.limit),
    'x-ratelimit-remaining': String(d.remaining),
    'x-ratelimit-reset': String(reset === 'seconds' ? d.retryAfterS : Math.ceil(d.resetAt / 1000)),
  };
}
