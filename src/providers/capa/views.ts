// Capa's response bodies: the two success envelopes, the KYC and KYB details (faker-filled, seeded
// from the user id, once a verification has been submitted; nulls where Capa's docs say partial
// results are possible), the webhook settings and the notification log.
import type { Delivery, Kit } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';
import type { CapaLink, CapaUser, WebhookSettings } from './records.js';

/**
 * Capa's docs use two success envelopes: {success:true,data} on user endpoints and
 * {status:"ok",data} on details pages. `envelope=documented` keeps each as documented.
 */
export function envelope(kit: Kit, documented: 'success' | 'status', data: unknown) {
  const option = optionsOf(kit).envelope;
  const style =
    option === 'documented' ? documented : option === 'status-ok' ? 'status' : 'success';
  return style === 'success' ? { success: true, data } : { status: 'ok', data };
}

const DONE = new Set(['VERIFIED', 'REJECTED', 'REVIEW_NEEDED']);
const media = (sessionId: string, name: string) =>
  `https://media.sandbox.invalid/capa/${sessionId}/${name}`;

/** What the KYC provider found once the person submitted, seeded from the user id. */
function kycResults(kit: Kit, user: CapaUser, sessionId: string) {
  const v = user.kyc;
  const passed = v.status === 'VERIFIED';
  const result = passed ? 'PASS' : v.status === 'REJECTED' ? 'FAIL' : 'REVIEW';
  const reasons = passed || !v.reason ? [] : [v.reason];
  return kit.fake(`capa:kyc:${user.userId}`, (f) => ({
    clientReferenceData: {
      personalInfo: {
        profession: f.person.jobTitle(),
        phoneNumber: f.phone.number({ style: 'international' }),
        birthCountry: v.country,
        taxId: f.string.alphanumeric({ length: 13, casing: 'upper' }),
      },
    },
    faceLivenessInfo: { result, status: 'COMPLETED', statusReasons: reasons, warnings: [] },
    faceMatchInfo: {
      faceMatchScore: passed
        ? f.number.int({ min: 85, max: 99 })
        : f.number.int({ min: 20, max: 70 }),
      result,
      status: 'COMPLETED',
    },
    fraudInsights: { result, status: 'COMPLETED' },
    idInfo: {
      fullName: f.person.fullName(),
      birthDate: f.date.birthdate({ mode: 'age', min: 18, max: 80 }).toISOString().slice(0, 10),
      gender: f.helpers.arrayElement(['M', 'F']),
      nationality: v.country,
      idNumber: f.string.alphanumeric({ length: 10, casing: 'upper' }),
      idType: f.helpers.arrayElement(['PASSPORT', 'NATIONAL_ID', 'DRIVING_LICENSE']),
    },
    amlInfo: { numHits: 0, entityHits: [] },
    media: {
      frontIdImageUrl: media(sessionId, 'front-id.jpg'),
      backIdImageUrl: media(sessionId, 'back-id.jpg'),
      selfieImageUrl: media(sessionId, 'selfie.jpg'),
      selfieVideoUrl: media(sessionId, 'selfie.mp4'),
    },
  }));
}

export function kycDetails(kit: Kit, user: CapaUser) {
  const v = user.kyc;
  const sessionId = `vs_${v.linkId?.replace(/-/g, '').slice(0, 16) ?? 'none'}`;
  const base = {
    aipriseSummary: { verificationResult: v.status },
    clientReferenceId: user.userId,
    verificationSessionId: sessionId,
  };
  if (!DONE.has(v.status)) {
    return {
      ...base,
      clientReferenceData: null,
      faceLivenessInfo: null,
      faceMatchInfo: null,
      fraudInsights: null,
      idInfo: null,
      amlInfo: null,
      media: null,
    };
  }
  return { ...base, ...kycResults(kit, user, sessionId) };
}

export function kybDetails(kit: Kit, user: CapaUser, link: CapaLink | undefined, live: boolean) {
  const v = user.kyb;
  const business = DONE.has(v.status)
    ? kit.fake(`capa:kyb:${user.userId}`, (f) => ({
        legalName: f.company.name(),
        registrationNumber: f.string.numeric(9),
        country: v.country,
        incorporationDate: f.date
          .past({ years: 20, refDate: Date.UTC(2024, 0, 1) })
          .toISOString()
          .slice(0, 10),
        address: f.location.streetAddress({ useFullAddress: true }),
      }))
    : null;
  return {
    userId: user.userId,
    status: v.status,
    sessionUrl: link && live ? kit.hostedUrl(link.id) : null,
    reason: v.reason,
    business,
  };
}

/** The notification log's statuses for the engine's delivery states. */
export const NOTIFICATION_STATUS = {
  pending: 'PENDING',
  delivered: 'SENT',
  failed: 'FAILED',
  not_sent: 'NOT_SENT',
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

export const settingsView = (s: WebhookSettings) => ({
  url: s.url,
  secret: s.secret,
  updatedAt: s.updatedAt,
});
