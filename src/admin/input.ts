// Reading admin input: a bad admin call is a SandboxError with a hint, never a vendor error.
import type { Context } from 'hono';
import { isObject, parseDuration, SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox.js';

export async function adminBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    const v = JSON.parse(text);
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

/** provider/tenant from query or body; a tenant needs its provider, and the provider must be mounted. */
export function tenantFilter(
  sb: Sandbox,
  src: Record<string, unknown>,
): { provider?: string; tenant?: string } {
  const provider = src.provider === undefined ? undefined : String(src.provider);
  const tenant = src.tenant === undefined ? undefined : String(src.tenant);
  if (provider !== undefined) sb.provider(provider);
  if (tenant !== undefined && provider === undefined) {
    throw new SandboxError(
      400,
      'tenant_needs_provider',
      'A tenant is named together with its provider',
      'add "provider": "<name>"',
    );
  }
  return { provider, tenant };
}

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
