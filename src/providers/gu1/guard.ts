// What every gu1 route does first: check the credentials, take a rate-limit token when the
// limiter is on, and settle what became due on the organization's clock (a real-time clock moves
// without the admin API, so due outcomes and expiries are also applied when the organization calls).
import type { Context } from 'hono';
import { takeRateToken, type Kit, type ProviderEnv } from '../../engine/index.js';
import { authorize } from './auth.js';
import { fail } from './errors.js';
import { settle } from './validations.js';

const HOUR_MS = 3_600_000;

export function guard(c: Context<ProviderEnv>): { kit: Kit; orgId: string } {
  const kit = c.get('kit');
  const orgId = authorize(c);
  const limit = Number(kit.options.rateLimit ?? '0');
  if (limit > 0) {
    const d = takeRateToken(kit, limit, HOUR_MS);
    const headers = {
      'x-ratelimit-limit': String(d.limit),
      'x-ratelimit-remaining': String(d.remaining),
      'x-ratelimit-reset': String(Math.ceil(d.resetAt / 1000)),
    };
    if (!d.allowed) {
      throw fail('RATE_LIMITED', {
        headers: { ...headers, 'retry-after': String(d.retryAfterS) },
        details: { limit: d.limit, window: '1h', resetAt: kit.iso(d.resetAt) },
      });
    }
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
  }
  settle(kit);
  return { kit, orgId };
}
