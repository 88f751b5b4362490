// What every Kulipa call goes through: the x-api-key check on every documented operation and the
// per-key rate limiter with its headers. (x-request-id comes from the provider's responseHeaders.)
import type { MiddlewareHandler } from 'hono';
import { takeRateToken, type ProviderEnv } from '../../engine/index.js';
import { requireKey } from './auth.js';
import { fail } from './errors.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const WINDOW_MS = 60_000;

const localPath = (url: string) => new URL(url).pathname.replace(/^\/kulipa(?=\/|$)/, '') || '/';

export function gate(): MiddlewareHandler<ProviderEnv> {
  return async (c, next) => {
    const kit = c.get('kit');
    const headers: Record<string, string> = {};
    // HEAD runs the GET handler, so it is matched as GET: no path answers without the key.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (kit.contract.match(method, localPath(c.req.url))) {
      requireKey(c.req.raw.headers, headers);
      const rate = takeRateToken(kit, Number(kit.options.rateLimit), WINDOW_MS);
      headers['x-ratelimit-limit'] = String(rate.limit);
      headers['x-ratelimit-remaining'] = String(rate.remaining);
      headers['x-ratelimit-reset'] = String(rate.retryAfterS);
      if (!rate.allowed)
        throw fail('TOO_MANY_REQUESTS', {
          headers: { ...headers, 'retry-after': String(rate.retryAfterS) },
        });
    }
    await next();
    // Handlers' errors are already rendered here (the engine wraps each handler), so this tags them too.
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
