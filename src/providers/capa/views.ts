// Capa's response bodies: the success envelopes, the webhook settings entity, the notification log
// and the agreements. The KYC and KYB details are in views-details.ts.
import { readFixture, type Delivery, type Kit } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';
import type { CapaUser, WebhookSettings } from './records.js';

/**
 * Capa's pages use two success envelopes in their schemas: {success:true,data} on user endpoints and
 * {status:"ok",data} on details pages and the direct link; `envelope=documented` keeps each as
 * documented. The KYC link and KYC details pages also show an unwrapped prose example (`prose`:
 * `unwrapped` pages answer the bare data).
 */
export function envelope(
  kit: Kit,
  documented: 'success' | 'status',
  data: unknown,
  prose?: 'unwrapped',
) {
  const option = optionsOf(kit).envelope;
  if (option === 'prose' && prose === 'unwrapped') return data;
  const style =
    option === 'documented' || option === 'prose'
      ? documented
      : option === 'status-ok'
        ? 'status'
        : 'success';
  return style === 'success' ? { success: true, data } : { status: 'ok', data };
}

/** The notification log's statuses for the engine's delivery states. */
export const NOTIFICATION_STATUS = {
  pending: 'PENDING',
  delivered: 'SENT',
  failed: 'FAILED',
  not_sent: 'NOT_SENT',
  // Lost on the way by a webhook scenario: Capa believes it sent it.
  dropped: 'SENT',
} as const;

export function notificationView(d: Delivery) {
  const automatic = d.attempts.filter((a) => !a.manual);
  const lastFailure = [...d.attempts].reverse().find((a) => a.status === null || a.status >= 300);
  return {
    id: d.id,
    type: 'KYC',
    event: d.event,
    status: NOTIFICATION_STATUS[d.status],
    url: d.url ?? null,
    payload: JSON.parse(d.body) as unknown,
    retryAttempts: Math.max(0, automatic.length - 1),
    manualRetryCount: d.attempts.length - automatic.length,
    latestErrorPayload: lastFailure
      ? { statusCode: lastFailure.status, error: lastFailure.error, body: lastFailure.responseBody }
      : null,
    createdAt: d.createdAt,
    updatedAt: d.attempts.at(-1)?.at ?? d.createdAt,
  };
}

/** The settings entity as Capa's OpenAPI describes it: the secret is never in a vendor response. */
export const settingsView = (s: WebhookSettings) => ({
  id: s.id,
  partnerId: s.partnerId,
  url: s.url,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

interface Template {
  name: 'CONTRACT' | 'TERMS_AND_CONDITIONS';
  language: 'ES' | 'EN';
}
const agreements = readFixture<{ byCountry: Record<string, Template[]>; default: Template[] }>(
  'capa',
  'agreements.json',
);

/** The document-signature templates for the country of the user's latest verification. */
export function agreementsView(user: CapaUser) {
  const v = user.type === 'BUSINESS' ? user.kyb : user.kyc;
  const country = v.country ?? 'default';
  const list = (v.country && agreements.byCountry[v.country]) || agreements.default;
  return list.map((t) => ({
    name: t.name,
    language: t.language,
    url: `https://media.sandbox.invalid/capa/agreements/${country}/${t.name.toLowerCase()}-${t.language.toLowerCase()}.pdf`,
  }));
}
