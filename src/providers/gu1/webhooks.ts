// gu1's KYC webhooks: {event, timestamp, organizationId, payload}, the payload being the
// validation row (plus the entity row for approved and rejected only), signed with HMAC-SHA256
// of the raw body (hex) in X-Webhook-Signature (docs.gu1.ai/en/webhooks/security). The retry
// schedule is the sandbox's: gu1 documents none.
import { hmacSha256Hex, type Kit } from '../../engine/index.js';
import { entityView, validationView } from './details.js';
import type { Gu1Entity, Gu1Status, Gu1Validation } from './lifecycle.js';
import { settingsOf, subscribed, type Gu1Event } from './organizations.js';
import { ENTITIES } from './store-names.js';

export const SIGNATURE_HEADER = 'x-webhook-signature';
/** First attempt at once, then after 1 min, 5 min, 30 min and 2 h; then failed. */
export const GU1_RETRIES_MS = [1, 5, 30, 120].map((m) => m * 60_000);

export const eventFor = (status: Gu1Status): Gu1Event => `kyc.validation_${status}` as Gu1Event;

const WITH_ENTITY: readonly Gu1Event[] = ['kyc.validation_approved', 'kyc.validation_rejected'];

export function buildEnvelope(kit: Kit, event: Gu1Event, v: Gu1Validation, at: string) {
  const row = validationView(kit, v);
  const entity = WITH_ENTITY.includes(event)
    ? kit.ns.get<Gu1Entity>(ENTITIES, v.entityId)
    : undefined;
  // `validationId` repeats `id`: the older event page's sample names the validation that way.
  const payload = { validationId: v.id, ...row, ...(entity ? { entity: entityView(entity) } : {}) };
  return { event, timestamp: at, organizationId: v.organizationId, payload };
}

export const signGu1 = (secret: string, rawBody: string) => ({
  [SIGNATURE_HEADER]: hmacSha256Hex(secret, rawBody),
});

/**
 * Sends one event to the validation's own webhookUrl (every KYC event) or else to the
 * organization's webhook (only when subscribed). No URL: logged as not_sent.
 */
export function emit(kit: Kit, event: Gu1Event, v: Gu1Validation, at: string) {
  const settings = settingsOf(kit);
  if (!v.webhookUrl && !subscribed(settings.events, event)) return undefined;
  const body = JSON.stringify(buildEnvelope(kit, event, v, at));
  return kit.webhooks.enqueue({
    event,
    url: v.webhookUrl ?? settings.url ?? undefined,
    body,
    sign: (raw) => signGu1(settingsOf(kit).secret, raw),
    retries: GU1_RETRIES_MS,
    meta: { validationId: v.id, entityId: v.entityId },
  });
}
