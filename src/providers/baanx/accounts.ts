// Baanx's client accounts: the x-client-key fixtures and the self-service rule that name a tenant.
import {
  hexFrom,
  readFixture,
  type Credential,
  type SelfServiceCredential,
} from '../../engine/index.js';

interface ClientAccount {
  key: string;
  name: string;
  status: 'active' | 'revoked';
  note: string;
}

const fixture = readFixture<{
  keyFormat: string;
  selfServicePrefix: string;
  clients: ClientAccount[];
}>('baanx', 'clients.json');
const keyFormat = new RegExp(fixture.keyFormat);
const accounts = new Map(fixture.clients.map((c) => [c.key, c]));

export const CLIENT_HEADER = 'x-client-key';
export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;

/** The tenant: the client key as sent, trimmed and lower-cased (UUIDs compare case-insensitively). */
export const tenantOf = (headers: Headers): string | undefined =>
  headers.get(CLIENT_HEADER)?.trim().toLowerCase() || undefined;

/**
 * Fixture keys, plus any UUID with the self-service prefix so each CI job can be a fresh client;
 * anything else, and a revoked fixture key, is refused.
 */
export function isActiveClient(key: string): boolean {
  if (!keyFormat.test(key)) return false;
  const known = accounts.get(key);
  if (known) return known.status === 'active';
  return key.startsWith(SELF_SERVICE_PREFIX);
}

/** A fresh self-service client: a UUID v4 with the prefix, derived from `id`. */
export function baanxSelfService(id: string): SelfServiceCredential {
  const h = hexFrom(11, 'baanx-self-service', id);
  const key = `${SELF_SERVICE_PREFIX}${h.slice(0, 4)}-4${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10, 22)}`;
  return { tenant: key, credentials: { [CLIENT_HEADER]: key } };
}

export const baanxCredentials = (): Credential[] =>
  fixture.clients.map((c) => ({ header: CLIENT_HEADER, value: c.key, note: c.note }));

/** The first active fixture client: the tenant operator routes act on when none is named. */
export const DEFAULT_CLIENT = fixture.clients.find((c) => c.status === 'active')!.key;
