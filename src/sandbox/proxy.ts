// --trust-proxy: the public URL a request came through, read from Forwarded (RFC 7239) or
// X-Forwarded-Host/-Proto/-Port/-Prefix, so the links made while serving it name that address.
// Only when told: a client reaching the sandbox directly could otherwise name any host.
import { AsyncLocalStorage } from 'node:async_hooks';

const first = (v: string | null) => v?.split(',')[0]?.trim() || undefined;
const unquote = (v: string | undefined) => v?.replace(/^"(.*)"$/, '$1');

/** The base URL the first proxy was reached at, or undefined when the headers name no host. */
export function forwardedBase(headers: Headers): string | undefined {
  const forwarded = first(headers.get('forwarded'));
  const pairs = new Map(
    (forwarded ?? '').split(';').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim().toLowerCase(), unquote(p.slice(at + 1).trim())] as const;
    }),
  );
  const host = pairs.get('host') ?? first(headers.get('x-forwarded-host'));
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return undefined;
  const proto = (
    pairs.get('proto') ??
    first(headers.get('x-forwarded-proto')) ??
    'http'
  ).toLowerCase();
  if (proto !== 'http' && proto !== 'https') return undefined;
  const port = first(headers.get('x-forwarded-port'));
  const withPort = port && /^\d+$/.test(port) && !host.includes(':') ? `${host}:${port}` : host;
  const prefix = (first(headers.get('x-forwarded-prefix')) ?? '').replace(/\/+$/, '');
  const safePrefix = /^(\/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$/.test(prefix) ? prefix : '';
  return `${proto}://${withPort}${safePrefix}`;
}

/**
 * Serving with the forwarded base in scope (when trusted): `current()` is it while a request is
 * handled; untrusted, `serve` returns the app's fetch as it is and `current()` is always undefined.
 */
export function forwardedScope(trusted: boolean) {
  const scope = new AsyncLocalStorage<string>();
  return {
    current: () => scope.getStore(),
    serve: <A extends unknown[], R>(fetch: (req: Request, ...rest: A) => R) =>
      trusted
        ? (req: Request, ...rest: A): R => {
            const base = forwardedBase(req.headers);
            return base ? scope.run(base, () => fetch(req, ...rest)) : fetch(req, ...rest);
          }
        : fetch,
  };
}
