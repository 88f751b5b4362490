// The package's public entry: createSandbox and the types of its one surface, and the receiver kit
// (each signing vendor's webhook check). Importing it starts nothing; `kyc-sandbox serve`
// (src/main.ts) is what listens.
import type { ProviderModule, ReceivedWebhook, ReceiverSecret } from './engine/index.js';
import { capa } from './providers/capa/index.js';
import { gu1 } from './providers/gu1/index.js';
import { kulipa } from './providers/kulipa/index.js';

export { createSandbox, DEFAULT_PORT, DEFAULT_SEED } from './sandbox/index.js';
export type * from './sandbox/types.js';
export type {
  Delivery,
  FaultRule,
  JournalEntry,
  ProviderModule,
  ReceivedWebhook,
  ReceiverSecret,
  Scenario,
  SessionView,
  TenantFilter,
  TenantRef,
} from './engine/index.js';

/**
 * A receiver's check of one delivery, exactly as the vendor documents it: true when the request
 * (lower-case headers, the raw body) carries a valid signature made with `secret` (what
 * `GET /_sandbox/webhooks/verification` answers) and, where the scheme signs a timestamp, a fresh
 * one at `now` (epoch ms; default Date.now(): pass the tenant's clock when it is not real time).
 */
export type WebhookVerifier = (
  request: ReceivedWebhook,
  secret: ReceiverSecret,
  now?: number,
) => boolean;

/** The provider's own check: the sandbox's tests verify its signatures with the same code. */
const verifierOf =
  (p: ProviderModule): WebhookVerifier =>
  (request, secret, now) =>
    p.webhooks!.verify(request, secret, now);

/** Capa: hex HMAC-SHA256 of the raw body with the partner's webhook secret, in `capa-signature`. */
export const verifyCapaWebhook = verifierOf(capa);
/**
 * Kulipa: ECDSA P-256/SHA-256 over "{x-kulipa-signature-ts}.{raw body}" (DER or r||s hex in
 * `x-kulipa-signature`) with the public key served for `x-kulipa-key-id`; a timestamp over 5
 * minutes old or 1 minute ahead of `now` is refused.
 */
export const verifyKulipaWebhook = verifierOf(kulipa);
/** gu1: hex HMAC-SHA256 of the raw body with the organization's secret, in `x-webhook-signature`. */
export const verifyGu1Webhook = verifierOf(gu1);
// Faceki signs nothing (no scheme is documented): a receiver has nothing to verify. Baanx sends none.
