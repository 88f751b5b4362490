// What the dashboard reads, gathered through the same sandbox functions the admin API uses, with
// tenants named by a handle (never their key) and every time taken from the tenant's own clock.
import type { SessionView } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { handleOf, mask } from './security.js';

export interface TenantRow {
  provider: string;
  title: string;
  handle: string;
  masked: string;
  now: string;
  sessions: number;
}

export interface SessionRow {
  view: SessionView;
  title: string;
  masked: string;
  now: number;
}

export interface Filter {
  provider?: string;
  handle?: string;
}

/** The query's filter, keeping only a mounted provider and a well-formed handle. */
export function filterOf(sb: Sandbox, q: Record<string, string | undefined>): Filter {
  const provider = sb.providers.some((p) => p.name === q.provider) ? q.provider : undefined;
  const handle = q.t && /^[0-9a-f]{8}$/.test(q.t) ? q.t : undefined;
  return { provider, handle };
}

/** The tenant a handle names, among the tenants holding state. */
export function tenantOf(
  sb: Sandbox,
  handle: string,
): { provider: string; tenant: string } | undefined {
  return sb.tenants().find((t) => handleOf(t.provider, t.tenant) === handle);
}

const titleOf = (sb: Sandbox, provider: string) =>
  sb.providers.find((p) => p.name === provider)?.title ?? provider;
const tenantNow = (sb: Sandbox, provider: string, tenant: string) =>
  sb.time.now({ provider, tenant });

export function tenantRows(sb: Sandbox, f: Filter): TenantRow[] {
  return sb
    .tenants(f.provider)
    .filter((t) => !f.handle || handleOf(t.provider, t.tenant) === f.handle)
    .map((t) => ({
      provider: t.provider,
      title: titleOf(sb, t.provider),
      handle: handleOf(t.provider, t.tenant),
      masked: mask(t.tenant),
      now: new Date(tenantNow(sb, t.provider, t.tenant)).toISOString(),
      sessions: sb.sessions.list({ provider: t.provider, tenant: t.tenant }).length,
    }))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.handle.localeCompare(b.handle));
}

export function sessionRows(sb: Sandbox, f: Filter, limit = 200): SessionRow[] {
  const tenant = f.handle ? tenantOf(sb, f.handle) : undefined;
  if (f.handle && !tenant) return [];
  return sb.sessions
    .list(tenant ?? { provider: f.provider })
    .slice(0, limit)
    .map((view) => ({
      view,
      title: titleOf(sb, view.provider),
      masked: mask(view.tenant),
      now: tenantNow(sb, view.provider, view.tenant),
    }));
}

export function deliveries(sb: Sandbox, f: Filter, limit = 200) {
  const tenant = f.handle ? tenantOf(sb, f.handle) : undefined;
  if (f.handle && !tenant) return [];
  // Newest first; the queue lists in creation order, which breaks ties on a frozen clock.
  return sb.webhooks
    .list(tenant ?? { provider: f.provider })
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.createdAt.localeCompare(a.d.createdAt) || b.i - a.i)
    .slice(0, limit)
    .map(({ d }) => d)
    .map((d) => ({
      ...d,
      title: titleOf(sb, d.provider),
      masked: mask(d.tenant),
      target: urlShown(d.url),
    }));
}

export function journal(sb: Sandbox, f: Filter, limit = 200) {
  const tenant = f.handle ? tenantOf(sb, f.handle) : undefined;
  if (f.handle && !tenant) return [];
  return sb
    .journal({ ...(tenant ?? { provider: f.provider }), limit })
    .map((e) => ({ ...e, masked: mask(e.tenant), shownQuery: queryShown(e.query) }));
}

// Query strings and URLs can carry credentials (Faceki's access-token takes clientSecret in the query).
const SECRETISH = /secret|token|key|password|passcode|code|signature|auth/i;

function queryShown(query: Record<string, string>): string {
  // The journal already masked the fields it knows; what is masked stays as it is.
  const parts = Object.entries(query).map(
    ([k, v]) => `${k}=${SECRETISH.test(k) && !v.includes('…') && v !== '****' ? mask(v) : v}`,
  );
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A webhook URL without its query or credentials: the part a person needs to recognise it. */
function urlShown(url: string | undefined): string {
  if (!url) return '—';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
