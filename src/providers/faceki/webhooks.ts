// Faceki's two documented webhooks, posted unsigned (no scheme is documented) to the tenant's URL.
import type { Kit } from '../../engine/index.js';
import { clientById } from './accounts.js';
import type { Decision } from './lifecycle.js';
import { webhookSetupOf, type FacekiLink, type FacekiVerification } from './records.js';
import {
  buildRecord,
  linkSource,
  verificationSource,
  type KycRecordBody,
} from './views-records.js';

/** Retry schedule (undocumented upstream): at once, then +1 min, +5 min, +30 min, +2 h; then failed. */
export const FACEKI_RETRIES_MS = [1, 5, 30, 120].map((m) => m * 60_000);
export const PORTAL_OPERATOR_EMAIL = 'reviewer@sandbox.faceki.test';

/** The two documented webhooks: a verification's result, then a reviewer's update of a REVIEW one. */
export const FACEKI_EVENTS = ['EKYC_RESULT', 'EKYC_PORTAL_UPDATE'] as const;
export type FacekiEvent = (typeof FACEKI_EVENTS)[number];

const PORTAL_STATUS: Record<Decision, string> = {
  ACCEPTED: 'APPROVED',
  DECLINED: 'DECLINED',
  REVIEW: 'REVIEW',
};

/**
 * The EKYC result {requestId, fullName, status, kycData} when a verification is decided, and the
 * "EKYC Update from Portal" {requestId, fullName, status, modifiedByEmail} when a reviewer changes a
 * REVIEW decision (its vocabulary says APPROVED where the result says ACCEPTED). A link's events are
 * about the link (their subject).
 */
export function emitDecision(kit: Kit, link: FacekiLink, portal = false) {
  const record = buildRecord(kit, linkSource(kit, link));
  return send(kit, record, portal, { link: link.id, requestId: link.requestId }, link.id);
}

/** A direct API verification is decided as it is submitted: its EKYC result, about its requestId. */
export const emitVerificationResult = (kit: Kit, v: FacekiVerification, portal = false) =>
  send(kit, buildRecord(kit, verificationSource(v)), portal, { requestId: v.id }, v.id);

function send(
  kit: Kit,
  record: KycRecordBody,
  portal: boolean,
  meta: Record<string, unknown>,
  subject: string,
) {
  const fullName = record.document_data[0]?.full_name ?? '';
  const decision = record.decision!;
  const payload = portal
    ? {
        requestId: record.requestId,
        fullName,
        status: PORTAL_STATUS[decision],
        modifiedByEmail: PORTAL_OPERATOR_EMAIL,
      }
    : { requestId: record.requestId, fullName, status: decision, kycData: record };
  return kit.webhooks.enqueue({
    event: portal ? 'EKYC_PORTAL_UPDATE' : 'EKYC_RESULT',
    url: webhookSetupOf(kit, clientById(kit.tenant)).url ?? undefined,
    body: JSON.stringify(payload),
    retries: FACEKI_RETRIES_MS,
    meta,
    subject,
  });
}
