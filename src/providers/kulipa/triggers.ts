// Kulipa's webhooks as QA and receivers use them: the documented events, the signature flaws its
// scheme can show, the public key a receiver checks with, and a trigger that sends one event.
import { unknownSession, type Kit, type WebhookSupport } from '../../engine/index.js';
import { kycById, kycsOfUser, userById, webhookSettings, type KulipaUser } from './records.js';
import { createUser, startKyc } from './transitions.js';
import { kycView, userView } from './views.js';
import {
  emit,
  KULIPA_EVENTS,
  SIGNATURE_HEADERS,
  signDelivery,
  signingKey,
  verifyKulipa,
  type KulipaEvent,
} from './webhooks.js';

/** A new user of the tenant, as POST /v1/users would make one (no event is sent for it). */
const newUser = (kit: Kit) =>
  createUser(kit, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `trigger-${kit.ids.uuid('trigger')}@example.com`,
    phone: null,
    dateOfBirth: null,
    countryOfBirth: null,
    countryOfResidence: 'FR',
    address: null,
    shippingAddress: null,
    companyId: null,
    wallet: null,
  });

/** The KYC a kyc.* event is about: the one named, the user's latest, or a new full KYC of theirs. */
const kycFor = (kit: Kit, user: KulipaUser, kycId: string | undefined) =>
  (kycId ? kycById(kit, kycId) : undefined) ??
  kycsOfUser(kit, user.id).at(-1) ??
  startKyc(kit, user, 'full', null).kyc;

/**
 * Kulipa's events are about a user (their subject): a session id is a KYC's (its user) or a user's;
 * without one, a new user (and, for a kyc.* event, a new full KYC). The records are not moved: the
 * event is sent as it would be, about them as they are.
 */
export const kulipaWebhooks: WebhookSupport = {
  events: KULIPA_EVENTS,
  flaws: ['bad_signature', 'stale_timestamp', 'wrong_key'],
  sign: (kit, d, now, flaw) => signDelivery(kit, d.body, now, flaw),
  target: (kit) => webhookSettings(kit).url ?? undefined,
  verification(kit) {
    const key = signingKey(kit);
    return {
      scheme:
        'ECDSA P-256/SHA-256 over "{x-kulipa-signature-ts}.{raw body}", hex (DER, or r||s with signatureEncoding=p1363) in x-kulipa-signature; the public key from GET /v1/webhooks/keys/{x-kulipa-key-id}; a timestamp (Unix ms) over 5 minutes old or 1 minute ahead is refused',
      headers: SIGNATURE_HEADERS,
      publicKey: key.publicKey,
      keyId: key.id,
    };
  },
  verify: verifyKulipa,
  trigger(kit, name, sessionId) {
    const event = name as KulipaEvent;
    const kyc = sessionId === undefined ? undefined : kycById(kit, sessionId);
    const user = sessionId === undefined ? newUser(kit) : userById(kit, kyc?.userId ?? sessionId);
    if (!user) throw unknownSession(sessionId!);
    if (!event.startsWith('kyc.'))
      return emit(kit, event, { userId: user.id, targetId: user.id, data: userView(user) });
    const target = kycFor(kit, user, kyc?.id);
    return emit(kit, event, { userId: user.id, targetId: target.id, data: kycView(kit, target) });
  },
};
