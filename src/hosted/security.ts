// The pages' safety rules in one place: CSP, masking of credentials, redirect checks, tenant handles.
import type { Context, MiddlewareHandler } from 'hono';
import { allowedRedirect, hexFrom, maskValue, type RedirectScheme } from '../engine/index.js';

/** The CSP of every page; `formTargets` adds the one redirect a decision may lead to (form-action covers redirects). */
export function csp(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function foreignPost(c: Context): boolean {
  // Sec-Fetch-Site decides where the browser sends it; Origin only where it does not (a page with
  // Referrer-Policy: no-referrer, as these are, posts its own forms with Origin: null).
  const site = c.req.header('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Security headers for every hosted page and dashboard answer; a page may set its own CSP first. */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  // A form post from another site (or another port of this host: same-site) is never a person using
  // the page: refuse it, by Sec-Fetch-Site where the browser sends it and by Origin where it does not.
  if (c.req.method === 'POST' && foreignPost(c))
    return c.text('Cross-site form posts are refused', 403);
  await next();
  if (!c.res.headers.has('content-security-policy'))
    c.res.headers.set('content-security-policy', csp());
  c.res.headers.set('x-frame-options', 'DENY');
  c.res.headers.set('x-content-type-options', 'nosniff');
  // The link's path is a bearer of the session: keep it out of the Referer sent to the redirect target.
  c.res.headers.set('referrer-policy', 'no-referrer');
  c.res.headers.set('cache-control', 'no-store');
};

/** A credential or tenant key as the pages show it: its first four characters. */
export const mask = (value: string): string => (value === '' ? '(anonymous)' : maskValue(value));

/** A short, stable, non-secret name for a tenant, so forms never carry the key itself. */
export const handleOf = (provider: string, tenant: string): string =>
  hexFrom(4, 'kyc-sandbox-ui', provider, tenant);

/**
 * The target a decision may redirect to, or null: it must be the URI stored at link creation (the
 * vendor may only append its query parameters) and use a scheme the vendor allows.
 */
export function safeRedirect(
  target: string | null | undefined,
  stored: string | null,
  allowed: readonly RedirectScheme[] = ['https'],
): string | null {
  if (!target || !stored) return null;
  const derived =
    target === stored || target.startsWith(`${stored}?`) || target.startsWith(`${stored}&`);
  return derived ? allowedRedirect(target, allowed) : null;
}

/** The CSP source that lets a form post end on this redirect: the origin for http(s), the scheme otherwise. */
export function formTargetOf(target: string | null): string[] {
  if (!target) return [];
  const url = new URL(target);
  if (url.protocol === 'https:' || url.protocol === 'http:') return [url.origin];
  return [url.protocol];
}
