// Capa's KYC webhooks: {type:"KYC", event, externalUserId}, HMAC-SHA256 hex of the raw body in
// `capa-signature`; retried at once, then +1, +5, +10, +15 minutes, then FAILED.
import { hmacSha256Hex, hmacSignature, type Kit, type SignatureFlaw } from '../../engine/index.js';
import type { CapaStatus } from './lifecycle.js';
import { webhookSettings, type CapaUser } from './records.js';

export const CAPA_RETRIES_MS = [0, 1, 5, 10, 15].map((m) => m * 60_000);
export const SIGNATURE_HEADER = 'capa-signature';

export const CAPA_EVENTS = [
  'CREATED_KYC',
  'VERIFIED_USER',
  'REJECTED_KYC',
  'REVIEW_NEEDED_KYC',
] as const;
export type CapaEvent = (typeof CAPA_EVENTS)[number];

export const eventFor: Partial<Record<CapaStatus, CapaEvent>> = {
  VERIFIED: 'VERIFIED_USER',
  REJECTED: 'REJECTED_KYC',
  REVIEW_NEEDED: 'REVIEW_NEEDED_KYC',
};

/** The documented payload keys on externalUserId; the sandbox adds userId for users created without one. */
export const buildPayload = (event: CapaEvent, user: CapaUser) => ({
  type: 'KYC' as const,
  event,
  externalUserId: user.externalUserId,
  userId: user.userId,
});

export const signCapa = (secret: string, rawBody: string, flaw: SignatureFlaw | null = null) => ({
  [SIGNATURE_HEADER]: flaw ? hmacSignature(secret, rawBody, flaw) : hmacSha256Hex(secret, rawBody),
});

/** Queues one event to the partner's URL (logged NOT_SENT without one), signed when it is sent. */
export function emit(kit: Kit, event: CapaEvent, user: CapaUser) {
  const settings = webhookSettings(kit);
  const body = JSON.stringify(buildPayload(event, user));
  return kit.webhooks.enqueue({
    event,
    url: settings.url ?? undefined,
    body,
    retries: CAPA_RETRIES_MS,
    meta: { userId: user.userId },
    subject: user.userId,
  });
}
