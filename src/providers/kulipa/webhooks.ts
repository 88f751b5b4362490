// Kulipa's webhooks: event bodies, the tenant's signing key, the ECDSA signature scheme and the
// receiver's check of it.
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
} from 'node:crypto';
import {
  ecdsaSha256DerHex,
  headerValue,
  type Kit,
  type ReceivedWebhook,
  type ReceiverSecret,
  type SignatureFlaw,
} from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';
import { saveSigningKey, storedSigningKey, webhookSettings, type WebhookKey } from './records.js';

// Retry schedule: undocumented upstream. At once, then after 1, 5, 30 minutes and 2 hours.
export const KULIPA_RETRIES_MS = [1, 5, 30, 120].map((m) => m * 60_000);

/** The event names, a KYC's in the order they happen, then a user's. */
export const KULIPA_EVENTS = [
  'kyc.submitted',
  'kyc.verified',
  'kyc.declined',
  'kyc.expired',
  'kyc.full_required',
  'user.activated',
  'user.frozen',
  'user.disabled',
  'user.deleted',
] as const;
export type KulipaEvent = (typeof KULIPA_EVENTS)[number];

export const SIGNATURE_HEADERS = [
  'x-kulipa-signature',
  'x-kulipa-signature-ts',
  'x-kulipa-key-id',
] as const;
/** The SDK's window: a timestamp over 5 minutes old or over 1 minute ahead is refused. */
export const TOLERANCE_PAST_MS = 5 * 60_000;
export const TOLERANCE_FUTURE_MS = 60_000;

/** A valid P-256 private scalar from sha256(seed, tenant, n); rehashed in the rare case it is ≥ the order. */
function derivePair(seed: string, tenant: string): { privateKey: string; publicKey: string } {
  for (let n = 0; ; n++) {
    const d = createHash('sha256')
      .update(['kulipa-webhook-key', seed, tenant, n].join('\u001f'))
      .digest();
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(d);
    } catch {
      continue;
    }
    const point = ecdh.getPublicKey();
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    };
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    return {
      privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
}

/**
 * The tenant's signing key (id dwk-<uuid>), made on first use. Derived from (seed, tenant) rather
 * than drawn at random, so one seed gives the same public key on every run and a client that cached
 * it keeps verifying after a restart (DESIGN habit 6).
 */
export function signingKey(kit: Kit): WebhookKey {
  const existing = storedSigningKey(kit);
  if (existing) return existing;
  const now = kit.iso();
  return saveSigningKey(kit, {
    id: `dwk-${kit.ids.uuid('webhook-key')}`,
    algorithm: 'ECDSA_SHA_256',
    ...derivePair(kit.seed, kit.tenant),
    createdAt: now,
    updatedAt: now,
  });
}

/** How x-kulipa-signature encodes the ECDSA signature (option signatureEncoding, a docs conflict). */
export type SignatureEncoding = 'der' | 'p1363';

/**
 * A key pair the key endpoint never serves (wrong_key): derived like the tenant's, from another
 * name, so it is as deterministic and never equal to it.
 */
const neverServedKey = (kit: Kit) => derivePair(kit.seed, `never-served:${kit.tenant}`).privateKey;

/**
 * The third-party SDK's verifier: ECDSA P-256/SHA-256 over "{timestampMs}.{rawBody}", DER hex in
 * x-kulipa-signature, Unix ms in x-kulipa-signature-ts, the key id in x-kulipa-key-id. With p1363
 * the signature is r||s (64 bytes, the docs' "length 64"), as 128 hex characters. A flaw signs what
 * a receiver must refuse: other bytes (bad_signature), a timestamp an hour old (stale_timestamp);
 * wrong_key is the caller's other private key under the served key id.
 */
export function signKulipa(
  privateKeyPem: string,
  keyId: string,
  rawBody: string,
  nowMs: number,
  encoding: SignatureEncoding = 'der',
  flaw: SignatureFlaw | null = null,
): Record<string, string> {
  const ts = String(flaw === 'stale_timestamp' ? nowMs - 3_600_000 : nowMs);
  const signed = flaw === 'bad_signature' ? `${ts}.${rawBody}\n` : `${ts}.${rawBody}`;
  return {
    'x-kulipa-signature':
      encoding === 'der'
        ? ecdsaSha256DerHex(privateKeyPem, signed)
        : sign('sha256', Buffer.from(signed), {
            key: privateKeyPem,
            dsaEncoding: 'ieee-p1363',
          }).toString('hex'),
    'x-kulipa-signature-ts': ts,
    'x-kulipa-key-id': keyId,
  };
}

/** One attempt's signature headers, with the tenant's key and encoding as they are at `nowMs`. */
export function signDelivery(kit: Kit, rawBody: string, nowMs: number, flaw: SignatureFlaw | null) {
  const key = signingKey(kit);
  const privateKey = flaw === 'wrong_key' ? neverServedKey(kit) : key.privateKey;
  const encoding = optionsOf(kit).signatureEncoding as SignatureEncoding;
  return signKulipa(privateKey, key.id, rawBody, nowMs, encoding, flaw);
}

/**
 * Queues one event for the tenant's URL (logged as not sent when none is registered). The body is
 * the documented event shape {eventId, eventName, eventTargetId, userId}, or with
 * webhookBody=envelope the other documented page's {id, type, data, createdAt, updatedAt}.
 */
export function emit(
  kit: Kit,
  event: KulipaEvent,
  target: { userId: string; targetId: string; data: unknown },
) {
  const eventId = kit.ids.uuid('event');
  const now = kit.iso();
  const body =
    optionsOf(kit).webhookBody === 'envelope'
      ? { id: eventId, type: event, data: target.data, createdAt: now, updatedAt: now }
      : { eventId, eventName: event, eventTargetId: target.targetId, userId: target.userId };
  signingKey(kit); // made now, in the request, so its id comes at the same place in the stream
  return kit.webhooks.enqueue({
    event,
    url: webhookSettings(kit).url ?? undefined,
    body: JSON.stringify(body),
    retries: KULIPA_RETRIES_MS,
    meta: { eventId, userId: target.userId, targetId: target.targetId },
    // Every event is about a user (a KYC's events name its user too).
    subject: target.userId,
  });
}

/**
 * The receiver's check (the SDK's): the key id is the one the key endpoint served, the timestamp
 * within 5 minutes before and 1 minute after `now`, and the signature, DER hex or 128-hex r||s,
 * verifies with the public key over "{x-kulipa-signature-ts}.{raw body}".
 */
export function verifyKulipa(req: ReceivedWebhook, secret: ReceiverSecret, now = Date.now()) {
  const [signature, ts, keyId] = SIGNATURE_HEADERS.map((h) => headerValue(req.headers[h]) ?? '');
  if (!secret.publicKey || keyId !== secret.keyId || !/^\d{1,16}$/.test(ts)) return false;
  if (now - Number(ts) > TOLERANCE_PAST_MS || Number(ts) - now > TOLERANCE_FUTURE_MS) return false;
  if (!/^([0-9a-f]{2})+$/i.test(signature)) return false;
  const dsaEncoding = signature.length === 128 ? 'ieee-p1363' : 'der';
  try {
    const key = { key: secret.publicKey, dsaEncoding } as const;
    return verify('sha256', Buffer.from(`${ts}.${req.body}`), key, Buffer.from(signature, 'hex'));
  } catch {
    return false; // a malformed DER signature
  }
}
