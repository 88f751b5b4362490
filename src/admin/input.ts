// Reading admin input: a bad admin call is a SandboxError with a hint, never a vendor error.
import type { Context } from 'hono';
import { isObject, parseDuration, SandboxError, type TenantFilter } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';

export async function adminBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (isObject(v)) return v;
  } catch {
    /* falls through */
  }
  throw new SandboxError(
    400,
    'bad_json',
    'The admin API takes a JSON object body',
    'send Content-Type: application/json and a {...} body',
  );
}

/** provider/tenant from a query or a body: the provider mounted, a tenant only with its provider. */
export const tenantFilter = (sb: Sandbox, src: Record<string, unknown>): TenantFilter =>
  sb.filter(src);

/** The one tenant a filter names, or undefined for "every tenant". */
export const tenantOf = (f: TenantFilter) =>
  f.tenant === undefined ? undefined : { provider: f.provider!, tenant: f.tenant };

export function durationOf(value: unknown, field: string): number {
  const ms =
    typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined)
    throw new SandboxError(
      400,
      'bad_duration',
      `"${field}" must be a duration`,
      'e.g. "90s", "15m", "24h", "7d", or milliseconds',
    );
  return ms;
}

export const query = (c: Context) => c.req.query() as Record<string, string>;
