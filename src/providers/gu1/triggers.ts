// gu1's webhooks as QA and receivers use them: the documented KYC events, the signature flaws its
// scheme can show, the organization's secret a receiver checks with, and a trigger that sends one.
import { SandboxError, unknownSession, type Kit, type WebhookSupport } from '../../engine/index.js';
import { enabledIntegration, knownIntegrations } from './input.js';
import type { Gu1Status } from './lifecycle.js';
import {
  findEntity,
  settingsOf,
  validationOf,
  validationsOfEntity,
  type Gu1Validation,
} from './records.js';
import { addEntity, newValidation } from './transitions.js';
import {
  emit,
  KYC_EVENTS,
  SIGNATURE_HEADER,
  signGu1,
  subscribed,
  verifyGu1,
  type Gu1Event,
} from './webhooks.js';

/** gu1 sends an event to the organization's webhook only if it subscribed to it (or to the validation's own URL). */
const notSubscribed = (kit: Kit, event: string) =>
  new SandboxError(
    409,
    'not_subscribed',
    `The organization's webhook is not subscribed to ${event} and the validation has no webhookUrl`,
    `PUT /_sandbox/providers/gu1/organizations/${kit.tenant}/webhook {"events": ["kyc.*"]}`,
  );

/** A new person and a pending validation of theirs, as gu1's API makes them, with no event sent. */
function fixtureValidation(kit: Kit): Gu1Validation {
  const all = [...knownIntegrations.values()];
  const integration = all.find((i) => enabledIntegration(kit, i.code)) ?? all[0];
  // No taxId: the sandbox table would decide the validation on its own a moment later.
  const entity = addEntity(kit, kit.tenant, { name: 'Ada Lovelace', countryCode: 'AR' });
  return newValidation(kit, kit.tenant, entity, integration, {});
}

/** A validation by id, or an entity's latest (the session an entity id names). */
const validationFor = (kit: Kit, id: string): Gu1Validation | undefined =>
  validationOf(kit, id) ?? (findEntity(kit, id) ? validationsOfEntity(kit, id)[0] : undefined);

/**
 * gu1's events are about a validation (their subject): the one named, an entity's latest, or a new
 * person's pending one. The stored validation does not move; the payload shows it with the event's
 * status, as gu1 sends it when the validation gets there.
 */
export const gu1Webhooks: WebhookSupport = {
  events: KYC_EVENTS,
  // gu1 signs the body alone: there is no timestamp to make stale.
  flaws: ['bad_signature', 'wrong_key'],
  // The secret is read when the attempt is signed, so a changed secret applies to retries.
  sign: (kit, d, _now, flaw) => signGu1(settingsOf(kit).secret, d.body, flaw),
  // The validation's own URL, else the organization's.
  target: (kit, d) =>
    validationOf(kit, String(d.meta?.validationId))?.webhookUrl ?? settingsOf(kit).url ?? undefined,
  verification: (kit) => ({
    scheme: `HMAC-SHA256 of the raw body with the organization's webhook secret, hex, in ${SIGNATURE_HEADER}`,
    headers: [SIGNATURE_HEADER],
    secret: settingsOf(kit).secret,
  }),
  verify: verifyGu1,
  trigger(kit, name, sessionId) {
    const event = name as Gu1Event;
    // Refused before a fixture is made for nothing.
    if (sessionId === undefined && !subscribed(settingsOf(kit).events, event))
      throw notSubscribed(kit, event);
    const v = sessionId === undefined ? fixtureValidation(kit) : validationFor(kit, sessionId);
    if (!v) throw unknownSession(sessionId!);
    const status = (
      event === 'kyc.validation_created' ? 'pending' : event.slice('kyc.validation_'.length)
    ) as Gu1Status;
    const sent = emit(kit, event, { ...v, status }, kit.iso());
    if (!sent) throw notSubscribed(kit, event);
    return sent;
  },
};
