// partner-api-key, as the pipeline's auth stage: missing → format → known → partner flow, then
// partner information on calls that take a userId, each with Capa's own message. Keys from
// fixtures, plus any well-formed key with the self-service prefix (a fresh tenant per CI job
// without an admin call); any other well-formed key is unknown.
import type { Context } from 'hono';
import {
  readFixture,
  type Credential,
  type ProviderEnv,
  type SelfServiceCredential,
} from '../../engine/index.js';
import { fail } from './errors.js';

export interface Partner {
  key: string;
  name: string;
  flow: 'valid' | 'invalid' | 'no-partner-info';
  note: string;
}

const fixture = readFixture<{ keyFormat: string; selfServicePrefix: string; partners: Partner[] }>(
  'capa',
  'partners.json',
);
const keyFormat = new RegExp(fixture.keyFormat);
const partners = new Map(fixture.partners.map((p) => [p.key, p]));

export const KEY_HEADER = 'partner-api-key';
export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;
const MOUNT = '/capa';

/** Operations that take a userId: Capa also needs partner information for them (its ownership rows). */
const USER_CALLS: ReadonlySet<string> = new Set([
  'createKycVerificationLink',
  'createKybVerificationLink',
  'createDirectKycLink',
  'sendKycVerification',
  'getUserAgreements',
  'getKycDetails',
  'getKybDetails',
]);

/** A fresh self-service partner: a well-formed key with the prefix. */
export function capaSelfService(id: string): SelfServiceCredential {
  const key = `${SELF_SERVICE_PREFIX}self_service_${id}`;
  return { tenant: key, credentials: { [KEY_HEADER]: key } };
}

/** The partner a well-formed key names: a fixture partner, or a self-service one. */
export const knownPartner = (key: string): Partner | undefined =>
  partners.get(key) ??
  (key.startsWith(SELF_SERVICE_PREFIX) && keyFormat.test(key)
    ? { key, name: 'Self-service partner', flow: 'valid', note: '' }
    : undefined);

/** The partner a key names, or Capa's error for the first check it fails. */
export function partnerOf(rawKey: string | undefined): Partner {
  const key = rawKey?.trim();
  if (!key) throw fail('API_KEY_MISSING');
  if (!keyFormat.test(key)) throw fail('API_KEY_INVALID_FORMAT');
  const partner = knownPartner(key);
  if (!partner) throw fail('API_KEY_INVALID');
  if (partner.flow === 'invalid') throw fail('INVALID_PARTNER_FLOW');
  return partner;
}

/** The operation a request names; Hono serves a HEAD with the GET route, so a HEAD names the GET's. */
function operationOf(c: Context<ProviderEnv>): string | null {
  const operation = c.get('operation');
  if (operation !== null || c.req.method !== 'HEAD') return operation;
  return c.get('kit').contract.match('GET', c.req.path.slice(MOUNT.length) || '/')?.id ?? null;
}

/**
 * The auth stage, before every Capa route: the partner (c.get('principal')). A path Capa does not
 * serve gets its 404 whatever the key, as before any guard runs.
 */
export function capaAuth(c: Context<ProviderEnv>): Partner | undefined {
  const operation = operationOf(c);
  if (operation === null) return undefined;
  const partner = partnerOf(c.req.header(KEY_HEADER));
  if (partner.flow === 'no-partner-info' && USER_CALLS.has(operation))
    throw fail('PARTNER_INFO_REQUIRED');
  return partner;
}

export const capaCredentials = (): Credential[] =>
  fixture.partners.map((p) => ({ header: KEY_HEADER, value: p.key, note: p.note }));
