// gu1's KYC webhooks: event names, the {event, timestamp, organizationId, payload} envelope, signing
// and the receiver's check.
import {
  headerValue,
  hmacMatches,
  hmacSignature,
  type Kit,
  type ReceivedWebhook,
  type ReceiverSecret,
  type SignatureFlaw,
} from '../../engine/index.js';
import { optionsOf, type Gu1Status } from './lifecycle.js';
import { findEntity, settingsOf, type Gu1Validation } from './records.js';
import { entityView, validationView } from './views.js';

export const KYC_EVENTS = [
  'kyc.validation_created',
  'kyc.validation_in_progress',
  'kyc.validation_in_review',
  'kyc.validation_approved',
  'kyc.validation_rejected',
  'kyc.validation_abandoned',
  'kyc.validation_expired',
  'kyc.validation_cancelled',
] as const;
export type Gu1Event = (typeof KYC_EVENTS)[number];

/** HMAC-SHA256 of the raw body, hex (docs.gu1.ai/en/webhooks/security). */
export const SIGNATURE_HEADER = 'x-webhook-signature';
/** First attempt at once, then after 1 min, 5 min, 30 min and 2 h; then failed (gu1 documents none). */
export const GU1_RETRIES_MS = [1, 5, 30, 120].map((m) => m * 60_000);

export const eventFor = (status: Gu1Status): Gu1Event => `kyc.validation_${status}` as Gu1Event;

/** Dashboard subscriptions: an exact event name, "kyc.*", or "*". */
export const subscribed = (events: readonly string[], event: string) =>
  events.some(
    (e) => e === '*' || e === event || (e.endsWith('.*') && event.startsWith(e.slice(0, -1))),
  );

/** Only the decisions carry the entity row. */
const WITH_ENTITY: readonly Gu1Event[] = ['kyc.validation_approved', 'kyc.validation_rejected'];

export function buildEnvelope(kit: Kit, event: Gu1Event, v: Gu1Validation, at: string) {
  const row = validationView(kit, v);
  const entity = WITH_ENTITY.includes(event) ? findEntity(kit, v.entityId) : undefined;
  // `validationId` repeats `id`: the older event page's sample names the validation that way.
  const payload = { validationId: v.id, ...row, ...(entity ? { entity: entityView(entity) } : {}) };
  // Option webhookEnvelope: the events page's {event, payload}, or the older integration page's
  // sample handler, which reads {type, data}.
  return optionsOf(kit).webhookEnvelope === 'type-data'
    ? { type: event, timestamp: at, organizationId: v.organizationId, data: payload }
    : { event, timestamp: at, organizationId: v.organizationId, payload };
}

/**
 * The organization's signature of a raw body; with a flaw, one a receiver must refuse: over other
 * bytes (bad_signature) or with a secret gu1 never gave the organization (wrong_key). gu1 signs the
 * body alone, so there is no timestamp to make stale.
 */
export const signGu1 = (secret: string, rawBody: string, flaw: SignatureFlaw | null = null) => ({
  [SIGNATURE_HEADER]: hmacSignature(secret, rawBody, flaw),
});

/** The receiver's check: X-Webhook-Signature is the hex HMAC-SHA256 of the raw body, compared in constant time. */
export const verifyGu1 = (req: ReceivedWebhook, secret: ReceiverSecret) =>
  hmacMatches(secret.secret ?? '', req.body, headerValue(req.headers[SIGNATURE_HEADER]));

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
    retries: GU1_RETRIES_MS,
    meta: { validationId: v.id, entityId: v.entityId },
    // The validation is the session: its events follow one another.
    subject: v.id,
  });
}
