// x-api-key: missing or naming no tenant → 401. Keys come from fixtures, plus any key with the
// self-service prefix (a fresh tenant per CI job without an admin call).
import { readFixture, type Credential } from '../../engine/index.js';
import { fail } from './errors.js';

interface Tenant {
  key: string;
  name: string;
  note: string;
}

const fixture = readFixture<{
  selfServicePrefix: string;
  selfServiceFormat: string;
  tenants: Tenant[];
}>('kulipa', 'tenants.json');
const selfService = new RegExp(fixture.selfServiceFormat);
const tenants = new Map(fixture.tenants.map((t) => [t.key, t]));

export const KEY_HEADER = 'x-api-key';
export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;

export const tenantOfHeaders = (headers: Headers) => headers.get(KEY_HEADER)?.trim() || undefined;

/** The tenant a request's key names; throws Kulipa's 401 otherwise (with the response headers given). */
export function requireKey(headers: Headers, responseHeaders: Record<string, string>): Tenant {
  const key = tenantOfHeaders(headers);
  if (!key) throw fail('MISSING_API_KEY', { headers: responseHeaders });
  const tenant =
    tenants.get(key) ??
    (selfService.test(key) ? { key, name: 'Self-service tenant', note: '' } : undefined);
  if (!tenant) throw fail('INVALID_API_KEY', { headers: responseHeaders });
  return tenant;
}

export const kulipaCredentials = (): Credential[] =>
  fixture.tenants.map((t) => ({ header: KEY_HEADER, value: t.key, note: t.note }));
