// partner-api-key: missing → format → known → partner flow, each with Capa's own message.
// Keys from fixtures, plus any well-formed key with the self-service prefix (a fresh tenant per
// CI job without an admin call); any other well-formed key is unknown.
import type { Context } from 'hono';
import { readFixture, type Credential } from '../../engine/index.js';
import { fail } from './errors.js';

interface Partner {
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

export function partnerFor(c: Context): Partner {
  const key = c.req.header(KEY_HEADER)?.trim();
  if (!key) throw fail('API_KEY_MISSING');
  if (!keyFormat.test(key)) throw fail('API_KEY_INVALID_FORMAT');
  const partner =
    partners.get(key) ??
    (key.startsWith(fixture.selfServicePrefix)
      ? { key, name: 'Self-service partner', flow: 'valid' as const, note: '' }
      : undefined);
  if (!partner) throw fail('API_KEY_INVALID');
  if (partner.flow === 'invalid') throw fail('INVALID_PARTNER_FLOW');
  return partner;
}

/** Endpoints that take a userId also need partner information (Capa's ownership rows). */
export function partnerForUserCall(c: Context): Partner {
  const partner = partnerFor(c);
  if (partner.flow === 'no-partner-info') throw fail('PARTNER_INFO_REQUIRED');
  return partner;
}

export const capaCredentials = (): Credential[] =>
  fixture.partners.map((p) => ({ header: KEY_HEADER, value: p.key, note: p.note }));

export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;
