// Kulipa's webhooks: ECDSA P-256/SHA-256 over "{timestampMs}.{rawBody}", DER hex in x-kulipa-signature,
// Unix ms in x-kulipa-signature-ts, the key id in x-kulipa-key-id (third-party SDK's verifier).
// The body is the documented event shape {eventId, eventName, eventTargetId, userId}, or with
// webhookBody=envelope the other documented page's {id, type, data, createdAt, updatedAt}.
import { ecdsaSha256DerHex, type Kit } from '../../engine/index.js';
import { KEYS, signingKey } from './webhook-keys.js';

// Retry schedule: undocumented upstream. At once, then after 1, 5 and 30 minutes and 2 hours.
export const KULIPA_RETRIES_MS = [1, 5, 30, 120].map((m) => m * 60_000);

export type KulipaEvent =
  | 'kyc.submitted'
  | 'kyc.verified'
  | 'kyc.declined'
  | 'kyc.expired'
  | 'user.activated'
  | 'user.frozen'
  | 'user.disabled'
  | 'user.deleted';

export interface WebhookSettings extends Record<string, unknown> {
  url: string | null;
  updatedAt: string | null;
}

export const settingsOf = (kit: Kit): WebhookSettings =>
  kit.ns.get<WebhookSettings>(KEYS, 'settings') ?? { url: null, updatedAt: null };

export function saveSettings(kit: Kit, url: string): WebhookSettings {
  return kit.ns.put<WebhookSettings>(KEYS, 'settings', { url, updatedAt: kit.iso() });
}

export function signKulipa(
  privateKeyPem: string,
  keyId: string,
  rawBody: string,
  nowMs: number,
): Record<string, string> {
  const ts = String(nowMs);
  return {
    'x-kulipa-signature': ecdsaSha256DerHex(privateKeyPem, `${ts}.${rawBody}`),
    'x-kulipa-signature-ts': ts,
    'x-kulipa-key-id': keyId,
  };
}

/** Queues one event for the tenant's URL (logged as not sent when none is registered). */
export function emit(
  kit: Kit,
  event: KulipaEvent,
  target: { userId: string; targetId: string; data: unknown },
) {
  const eventId = kit.ids.uuid('event');
  const now = kit.iso();
  const body =
    kit.options.webhookBody === 'envelope'
      ? { id: eventId, type: event, data: target.data, createdAt: now, updatedAt: now }
      : { eventId, eventName: event, eventTargetId: target.targetId, userId: target.userId };
  const key = signingKey(kit);
  return kit.webhooks.enqueue({
    event,
    url: settingsOf(kit).url ?? undefined,
    body: JSON.stringify(body),
    sign: (raw, nowMs) => signKulipa(key.privateKey, key.id, raw, nowMs),
    retries: KULIPA_RETRIES_MS,
    meta: { eventId, userId: target.userId, targetId: target.targetId },
  });
}
