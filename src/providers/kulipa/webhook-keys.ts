// The tenant's webhook signing key: ECDSA P-256, id dwk-<uuid>, kept in the tenant namespace. The key
// is derived from (seed, tenant) rather than drawn at random, so one seed gives the same public key
// on every run and a client that cached it keeps verifying after a restart (DESIGN habit 6).
import { createECDH, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { Kit } from '../../engine/index.js';

export const KEYS = '_webhooks';
export const ALGORITHM = 'ECDSA_SHA_256';

export interface WebhookKey extends Record<string, unknown> {
  id: string;
  algorithm: typeof ALGORITHM;
  publicKey: string;
  privateKey: string;
  createdAt: string;
  updatedAt: string;
}

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

/** The tenant's signing key, made on first use. */
export function signingKey(kit: Kit): WebhookKey {
  const existing = kit.ns.get<WebhookKey>(KEYS, 'key');
  if (existing) return existing;
  const now = kit.iso();
  return kit.ns.put<WebhookKey>(KEYS, 'key', {
    id: `dwk-${kit.ids.uuid('webhook-key')}`,
    algorithm: ALGORITHM,
    ...derivePair(kit.seed, kit.tenant),
    createdAt: now,
    updatedAt: now,
  });
}

/** GET /v1/webhooks/keys/{keyId}: the public half only. */
export const keyView = (k: WebhookKey) => ({
  id: k.id,
  algorithm: k.algorithm,
  publicKey: k.publicKey,
  createdAt: k.createdAt,
  updatedAt: k.updatedAt,
});
