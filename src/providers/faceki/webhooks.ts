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

const PORTAL_STATUS: Record<Decision, string> = {
  ACCEPTED: 'APPROVED',
  DECLINED: 'DECLINED',
  REVIEW: 'REVIEW',
};

/**
 * The EKYC result {requestId, fullName, status, kycData} when a verification is decided, and the
 * "EKYC Update from Portal" {requestId, fullName, status, modifiedByEmail} when a reviewer changes a
 * REVIEW decision (its vocabulary says APPROVED where the result says ACCEPTED).
 */
export function emitDecision(kit: Kit, link: FacekiLink, from: string) {
  const record = buildRecord(kit, linkSource(kit, link));
  return send(kit, record, from === 'REVIEW', { link: link.id, requestId: link.requestId });
}

/** A direct API verification is decided as it is submitted: its EKYC result. */
export const emitVerificationResult = (kit: Kit, v: FacekiVerification) =>
  send(kit, buildRecord(kit, verificationSource(v)), false, { requestId: v.id });

function send(kit: Kit, record: KycRecordBody, portal: boolean, meta: Record<string, unknown>) {
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
    target: () => webhookSetupOf(kit, clientById(kit.tenant)).url ?? undefined,
    body: JSON.stringify(payload),
    retries: FACEKI_RETRIES_MS,
    meta,
  });
}
