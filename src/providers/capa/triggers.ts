// Capa's webhooks as QA and receivers use them: the documented events, the signature flaws its
// scheme can show, the secret a receiver checks with, and a trigger that sends one event.
import {
  headerValue,
  hmacMatches,
  unknownSession,
  type WebhookSupport,
} from '../../engine/index.js';
import { linkById, userById, webhookSettings } from './records.js';
import { createUser } from './transitions.js';
import { CAPA_EVENTS, emit, signCapa, SIGNATURE_HEADER, type CapaEvent } from './webhooks.js';

/** Capa's events are about a user: a session (link) names its user; without one, a new user. */
export const capaWebhooks: WebhookSupport = {
  events: CAPA_EVENTS,
  // Capa signs the body alone: there is no timestamp to make stale.
  flaws: ['bad_signature', 'wrong_key'],
  verification: (kit) => ({
    scheme: `HMAC-SHA256 of the raw body, hex, in ${SIGNATURE_HEADER}`,
    headers: [SIGNATURE_HEADER],
    secret: webhookSettings(kit).secret,
  }),
  verify: (req, secret) =>
    hmacMatches(secret.secret ?? '', req.body, headerValue(req.headers[SIGNATURE_HEADER])),
  sign: (kit, d, _now, flaw) => signCapa(webhookSettings(kit).secret, d.body, flaw),
  target: (kit) => webhookSettings(kit).url ?? undefined,
  trigger(kit, event, sessionId) {
    if (sessionId !== undefined) {
      // A link's id, or a user's (the subject of Capa's deliveries).
      const user = userById(kit, linkById(kit, sessionId)?.userId ?? sessionId);
      if (!user) throw unknownSession(sessionId);
      return emit(kit, event as CapaEvent, user);
    }
    const user = createUser(kit, {
      type: 'INDIVIDUAL',
      email: kit.fake(`capa:trigger:${kit.ids.uuid('trigger')}`, (f) => f.internet.email()),
      externalUserId: null,
      alias: null,
    });
    return emit(kit, event as CapaEvent, user);
  },
};
