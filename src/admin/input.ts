// Reading admin input: a bad admin call is a SandboxError with a hint, never a vendor error.
import type { Context } from 'hono';
import { adminJson, maskValue, SandboxError, type TenantFilter } from '../engine/index.js';

export { durationOf } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';

/** The JSON object body of an admin call ({} when empty), or a sandbox 400 with a hint. */
export const adminBody = (c: Context) => adminJson(c);

/** provider/tenant from a query or a body: the provider mounted, a tenant only with its provider. */
export const tenantFilter = (sb: Sandbox, src: Record<string, unknown>): TenantFilter =>
  sb.filter(src);

/** The one tenant a filter names, or undefined for "every tenant". */
export const tenantOf = (f: TenantFilter) =>
  f.tenant === undefined ? undefined : { provider: f.provider!, tenant: f.tenant };

export const query = (c: Context) => c.req.query() as Record<string, string>;

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/**
 * One page of a list, in the list's own order: `?limit=` (1–1000, default 100) and `?cursor=`
 * (from the previous page's `x-next-cursor` header, present while more remain). The whole count is
 * in `x-total-count`. A page stays small however long the sandbox has run.
 */
export function paged<T>(c: Context, items: readonly T[]): Response {
  const q = query(c);
  const limit = q.limit === undefined ? DEFAULT_PAGE : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new SandboxError(400, 'bad_limit', `"limit" must be 1–${MAX_PAGE}`);
  const from = q.cursor === undefined ? 0 : Number(q.cursor);
  if (!Number.isInteger(from) || from < 0)
    throw new SandboxError(400, 'bad_cursor', '"cursor" is the x-next-cursor of a previous page');
  c.header('x-total-count', String(items.length));
  if (from + limit < items.length) c.header('x-next-cursor', String(from + limit));
  return c.json(items.slice(from, from + limit));
}

/**
 * A record as the admin API shows it: its tenant's key by the identifiable mask ("capa…0001"), the
 * same as in logs, the journal and the dashboard; the caller names tenants by the key it holds.
 */
export const shown = <T extends { tenant?: string | null }>(record: T): T =>
  record.tenant ? { ...record, tenant: maskValue(record.tenant) } : record;

/** A "<provider>:<key>" tenant key with its key masked. */
export const shownKey = (key: string) => {
  const at = key.indexOf(':');
  return `${key.slice(0, at)}:${maskValue(key.slice(at + 1))}`;
};
