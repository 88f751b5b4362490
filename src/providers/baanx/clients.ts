// x-client-key (the tenant) and x-us-env (the region). Keys come from fixtures, plus any UUID with
// the self-service prefix so each CI job can be a fresh client; anything else, and a revoked
// fixture key, is Baanx's documented 498 "Invalid Token".
import type { Context } from 'hono';
import { readFixture, type Credential, type Kit, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';

interface Client {
  key: string;
  name: string;
  status: 'active' | 'revoked';
  note: string;
}

const fixture = readFixture<{ keyFormat: string; selfServicePrefix: string; clients: Client[] }>(
  'baanx',
  'clients.json',
);
const keyFormat = new RegExp(fixture.keyFormat);
const clients = new Map(fixture.clients.map((c) => [c.key, c]));

export const CLIENT_HEADER = 'x-client-key';
export const US_HEADER = 'x-us-env';
export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;
export const DEFAULT_CLIENT_KEY = fixture.clients[0].key;

export type Region = 'intl' | 'us';

/** The tenant: the client key as sent, trimmed and lower-cased (UUIDs compare case-insensitively). */
export const tenantOf = (headers: Headers): string | undefined =>
  headers.get(CLIENT_HEADER)?.trim().toLowerCase() || undefined;

export function isActiveClient(key: string): boolean {
  if (!keyFormat.test(key)) return false;
  const known = clients.get(key);
  if (known) return known.status === 'active';
  return key.startsWith(SELF_SERVICE_PREFIX);
}

/**
 * `x-us-env: true` (any case) or the guides' `region=us` query parameter routes to the US backend;
 * anything else, including a malformed value, is the international default.
 */
export function regionOf(c: Context): Region {
  if (c.req.header(US_HEADER)?.trim().toLowerCase() === 'true') return 'us';
  return c.req.query('region')?.trim().toLowerCase() === 'us' ? 'us' : 'intl';
}

/** Every Baanx call starts here: a known, active client key, and the region it asked for. */
export function clientFor(c: Context<ProviderEnv>): { kit: Kit; region: Region } {
  const kit = c.get('kit');
  if (!isActiveClient(kit.tenant)) throw fail('INVALID_CLIENT_KEY');
  return { kit, region: regionOf(c) };
}

export const baanxCredentials = (): Credential[] =>
  fixture.clients.map((c) => ({ header: CLIENT_HEADER, value: c.key, note: c.note }));
