// Signature schemes vendors use for their webhooks; a provider picks one and names its headers.
import { createHmac, createSign, timingSafeEqual } from 'node:crypto';

export const hmacSha256Hex = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('hex');

/** ECDSA over SHA-256 with a PEM private key; DER signature, hex-encoded. */
export const ecdsaSha256DerHex = (privateKeyPem: string, payload: string) =>
  createSign('sha256').update(payload).sign(privateKeyPem, 'hex');

/**
 * The HMAC-SHA256 hex signature of a raw body, or one a receiver must refuse: over other bytes
 * (bad_signature) or with a secret the vendor never gave the client (wrong_key).
 */
export function hmacSignature(
  secret: string,
  rawBody: string,
  flaw: 'bad_signature' | 'stale_timestamp' | 'wrong_key' | null = null,
) {
  if (flaw === 'wrong_key') return hmacSha256Hex(`never-issued:${secret}`, rawBody);
  if (flaw === 'bad_signature') return hmacSha256Hex(secret, `${rawBody}\n`);
  return hmacSha256Hex(secret, rawBody);
}

/** A header's one value (the first of several). */
export const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/** Whether a hex HMAC-SHA256 signature of the raw body with `secret` equals `signature`, in constant time. */
export function hmacMatches(secret: string, rawBody: string, signature: string | undefined) {
  const expected = Buffer.from(hmacSha256Hex(secret, rawBody));
  const given = Buffer.from(signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
