// Signature schemes vendors use for their webhooks; a provider picks one and names its headers.
import { createHmac, createSign } from 'node:crypto';

export const hmacSha256Hex = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('hex');

/** ECDSA over SHA-256 with a PEM private key; DER signature, hex-encoded. */
export const ecdsaSha256DerHex = (privateKeyPem: string, payload: string) =>
  createSign('sha256').update(payload).sign(privateKeyPem, 'hex');
