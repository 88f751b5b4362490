// A webhook as the client's receiver sees it, and what the receiver checks it with: the shapes the
// receiver kit (each provider's WebhookSupport.verify) works on. define-provider.ts re-exports them.

/** What a receiver needs to check a tenant's deliveries, as the vendor documents its scheme. */
export interface ReceiverSecret {
  /** The scheme in a few words, e.g. "HMAC-SHA256 (hex) of the raw body in capa-signature". */
  scheme: string;
  /** The headers the scheme reads. */
  headers: readonly string[];
  /** The shared secret (HMAC schemes). */
  secret?: string;
  /** The public key in PEM and its id (signature schemes). */
  publicKey?: string;
  keyId?: string;
}

/** A webhook as a receiver got it: header names in lower case, and the raw body. */
export interface ReceivedWebhook {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}
