// The control plane's door (/_sandbox/*, the dashboard included): a Host that names this sandbox,
// writes that only a same-origin JSON client can send (no cross-site form or fetch), then who is
// calling — the operator (token, or loopback with none configured) or one tenant (its credential).
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SandboxError } from '../engine/index.js';
import { runAs, TENANT_HEADER, tenantOfHeader, type Access } from './access.js';
import type { Principal } from './types.js';

/** The dashboard's sign-in cookie (src/hosted/login.tsx sets it). */
const TOKEN_COOKIE = 'kyc_sandbox_admin';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;
/** Paths anyone may read: a health check for load balancers and container runtimes. */
const OPEN = new Set(['/_sandbox/health']);
/** The dashboard's own forms carry a CSRF token instead of a JSON body. */
const isDashboard = (path: string) => path === '/_sandbox/ui' || path.startsWith('/_sandbox/ui/');

/** The way back to the sandbox's root from a request path ("../../"), so a redirect keeps a proxy's prefix (as hosted/layout's rootOf). */
const toRoot = (path: string) => '../'.repeat(Math.max(0, path.split('/').length - 2)) || './';
const refuse = (c: Context, err: SandboxError) => c.json(err.toJSON(), err.status as 403);

/** Why a write may not come from where it came from, or null. */
function crossSite(c: Context): SandboxError | null {
  // Sec-Fetch-Site decides where the browser sends it; Origin only where it does not (the
  // dashboard's no-referrer pages post their own forms with Origin: null).
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  let foreign = site ? site !== 'same-origin' && site !== 'none' : false;
  if (!site && origin && origin !== 'null' && host) {
    try {
      foreign = new URL(origin).host !== host;
    } catch {
      foreign = true;
    }
  }
  if (foreign)
    return new SandboxError(
      403,
      'cross_site',
      site
        ? `A ${site} request may not change the sandbox`
        : `A request from ${origin} may not change the sandbox`,
      'call the admin API from a script, the CLI or the dashboard',
    );
  const type = c.req.header('content-type');
  if (!isDashboard(c.req.path) && (type !== undefined || hasBody(c)) && !JSON_TYPE.test(type ?? ''))
    return new SandboxError(
      415,
      'json_only',
      'Admin writes take an application/json body',
      'send Content-Type: application/json',
    );
  return null;
}

const hasBody = (c: Context) =>
  Number(c.req.header('content-length') ?? 0) > 0 ||
  c.req.header('transfer-encoding') !== undefined;

function principalOf(
  c: Context,
  access: Access,
  mounted: (name: string) => boolean,
): Principal | SandboxError {
  const tenantHeader = c.req.header(TENANT_HEADER);
  if (tenantHeader) {
    const ref = tenantOfHeader(tenantHeader);
    if (!mounted(ref.provider))
      return new SandboxError(400, 'unknown_provider', `No provider "${ref.provider}" is mounted`);
    return { kind: 'tenant', ref };
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (access.tokenMatches(bearer) || access.tokenMatches(getCookie(c, TOKEN_COOKIE)))
    return { kind: 'operator' };
  if (access.open) return { kind: 'operator' };
  return new SandboxError(
    401,
    'admin_token_required',
    'The admin API needs the admin token here',
    `Authorization: Bearer <token> (printed at start, or --admin-token), or ${TENANT_HEADER}: <provider>:<credential> for one tenant`,
  );
}

export function controlPlaneGuard(
  access: Access,
  mounted: (name: string) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    if (!access.hostAllowed(c.req.header('host')))
      return refuse(
        c,
        new SandboxError(
          403,
          'unknown_host',
          `Host ${c.req.header('host')} does not name this sandbox`,
          'add it with --allowed-hosts',
        ),
      );
    if (!READS.has(c.req.method)) {
      const problem = crossSite(c);
      if (problem) return refuse(c, problem);
    }
    if (OPEN.has(c.req.path)) return next();
    const principal = principalOf(c, access, mounted);
    if (principal instanceof SandboxError) {
      if (
        principal.status === 401 &&
        isDashboard(c.req.path) &&
        c.req.path !== '/_sandbox/ui/login'
      )
        return c.redirect(`${toRoot(c.req.path)}_sandbox/ui/login`, 303);
      if (principal.status === 401 && c.req.path === '/_sandbox/ui/login') return next();
      return refuse(c, principal);
    }
    c.set('principal' as never, principal as never);
    return runAs(principal, next);
  };
}
