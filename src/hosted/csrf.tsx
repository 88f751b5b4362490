// The dashboard's forms carry a per-browser CSRF token (double submit): a GET of a dashboard page
// sets it in an HttpOnly, SameSite=Strict cookie and in every form; a form post must bring both,
// equal. This stands beside the control plane's Sec-Fetch-Site and Origin checks.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createContext, useContext } from 'hono/jsx';
import type { Sandbox } from '../sandbox/types.js';
import { publicPath } from './layout.js';

const COOKIE = 'kyc_sandbox_csrf';
export const CsrfToken = createContext('');

/**
 * On a dashboard GET: the browser's token (made when it has none), set where pages read it — the
 * dashboard's path under the public URL (behind a proxy, with its prefix).
 */
export const issueCsrf =
  (sb: Pick<Sandbox, 'publicUrl'>): MiddlewareHandler =>
  async (c, next) => {
    if (c.req.method === 'GET') {
      let token = getCookie(c, COOKIE);
      if (!token || !/^[\w-]{32}$/.test(token)) {
        token = randomBytes(24).toString('base64url');
        const path = publicPath(sb, '/_sandbox/ui');
        setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path });
      }
      c.set('csrf' as never, token as never);
    }
    await next();
  };

export const csrfOf = (c: Context): string => (c.get('csrf' as never) as string | undefined) ?? '';

/** Whether a form post brings the token its browser's cookie holds. */
export function csrfMatches(c: Context, form: Record<string, unknown>): boolean {
  const cookie = getCookie(c, COOKIE);
  const sent = typeof form.csrf === 'string' ? form.csrf : '';
  if (!cookie || cookie.length !== sent.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(sent));
}

/** The hidden field every dashboard form carries. */
export const Csrf = () => <input type="hidden" name="csrf" value={useContext(CsrfToken)} />;

/** The page a dashboard form comes back to after its action. */
export const Back = ({ back }: { back: string }) => (
  <input type="hidden" name="back" value={back} />
);
