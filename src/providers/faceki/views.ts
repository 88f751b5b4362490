// Faceki's response bodies: both generations' lists, link validation, rules, tokens, the summary and
// the direct verification answers. The record itself is views-records.ts.
import { hexFrom, type Kit } from '../../engine/index.js';
import type { Workflow } from './accounts.js';
import { facekiOutcomes, type FacekiOutcome } from './errors.js';
import { effectiveState, linkStatus } from './lifecycle.js';
import { allLinks, walletOf, type FacekiLink, type FacekiVerification } from './records.js';
import {
  allSources,
  buildRecord,
  verificationSource,
  type KycRecordBody,
} from './views-records.js';

const APP_VERSION = 'v3.0.0';

/** Blaze 3.0 Fetch Records. */
export const recordsPage = (result: KycRecordBody[]) => ({
  status: true,
  code: 200,
  message: 'OK',
  appVersion: APP_VERSION,
  result,
});

/** The V2 envelope: {responseCode: 0, data}. */
export const ok = <T>(data: T) => ({ responseCode: 0 as const, data });

/** The hosted page, on the sandbox's origin, at Faceki's path shape: …/kycverify/<linkId>. */
export const linkUrl = (kit: Kit, id: string) => kit.hostedUrl(id, 'kycverify');

export const linkCreated = (kit: Kit, link: FacekiLink) => ({
  responseCode: 0,
  data: link.id,
  url: linkUrl(kit, link.id),
});

export function linkValidation(kit: Kit, link: FacekiLink) {
  const now = kit.now();
  const status = linkStatus(link, now);
  return ok({
    link: link.id,
    url: linkUrl(kit, link.id),
    valid: status === 'live',
    status,
    state: effectiveState(link, now),
    expiryTime: link.expiryMinutes,
    expiresAt: link.expiresAt,
    redirect_url: link.redirectUrl,
    workflowId: link.workflowId,
  });
}

/** V2's rules object for one workflow: fixture data plus the per-tenant company and outcome pages. */
export const rulesOf = (kit: Kit, w: Workflow) =>
  ok({
    ...w,
    companyId: hexFrom(12, kit.seed, 'faceki-company', kit.tenant),
    __v: 0,
    link: '',
    status: 'ACTIVE',
    success: { redirect_url: 'https://www.faceki.com', message: 'Success!' },
    declined: { redirect_url: 'https://www.faceki.com', message: 'Declined!' },
    invalid: { redirect_url: 'https://www.faceki.com', message: 'Invalid!' },
  });

export const tokenIssued = (accessToken: string, expiresIn: number) =>
  ok({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' as const });

/**
 * GET kyc-verify-summary: what the client has verified (Faceki's clients read the JSON whole; the
 * shape is the sandbox's): records by decision, links by status, and the wallet.
 */
export function summaryOf(kit: Kit, client: { credit: number }) {
  const now = kit.now();
  const records = allSources(kit);
  const links = allLinks(kit);
  const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;
  const wallet = walletOf(kit, client);
  return ok({
    total: records.length,
    accepted: count(records, (r) => r.decision === 'ACCEPTED'),
    declined: count(records, (r) => r.decision === 'DECLINED'),
    review: count(records, (r) => r.decision === 'REVIEW'),
    pending: count(records, (r) => r.decision === null),
    direct: count(records, (r) => r.link === null),
    links: {
      total: links.length,
      live: count(links, (l) => linkStatus(l, now) === 'live'),
      used: count(links, (l) => linkStatus(l, now) === 'used'),
      expired: count(links, (l) => linkStatus(l, now) === 'expired'),
    },
    credit: wallet.credit,
    spent: wallet.spent,
  });
}

/** A verification that could not run on these images (8004–8006): nothing recorded. */
export type ImageProblem = { problem: FacekiOutcome };

const isProblem = (v: FacekiVerification | ImageProblem): v is ImageProblem =>
  !('id' in v) && 'problem' in v;

/**
 * Blaze 3.0 POST /api/v3/kyc_verification, HTTP 200 in the Fetch Records envelope. Processed: code
 * 200 and result.decision, status false when declined ("not verified"). A failed check: status
 * false, its code and wording, the declined record. An image problem: its code with status true
 * and no result, as Faceki's Android SDK reads 8003–8009 only after a true status.
 */
export function v3Answer(kit: Kit, v: FacekiVerification | ImageProblem) {
  if (isProblem(v)) {
    const o = facekiOutcomes[v.problem];
    return {
      status: true,
      code: o.code,
      message: o.message,
      appVersion: APP_VERSION,
      result: null,
    };
  }
  const result = buildRecord(kit, verificationSource(v));
  const o = v.outcome ? facekiOutcomes[v.outcome] : null;
  return {
    status: v.decision !== 'DECLINED',
    code: o?.code ?? 200,
    message: o?.message ?? 'OK',
    appVersion: APP_VERSION,
    result,
  };
}

// The V2 verification-data page's confidence attributes, each a 0–1 score.
const CONFIDENCE = ['backSideId', 'issuerOrg_full', 'issuerOrg_iso2', 'issuerOrg_iso3', 'document', 'documentName', 'documentNumber', 'documentSide', 'documentType', 'face', 'face0', 'firstName', 'fullName', 'internalId', 'lastName', 'middleName', 'nationality_full'] as const; // prettier-ignore

/**
 * V2 single and multi-document verification: {responseCode, data} with the verification-data
 * page's fields that it documents with their contents (verification, face, confidence,
 * responseID), plus the record. A failed check: its code and wording; an image problem: no data.
 */
export function v2Answer(kit: Kit, v: FacekiVerification | ImageProblem) {
  if (isProblem(v)) {
    const o = facekiOutcomes[v.problem];
    return { responseCode: o.code, message: o.message, data: null };
  }
  const record = buildRecord(kit, verificationSource(v));
  const summary = record.verification_summary!;
  const score = (seed: string) =>
    Number((0.9 + (parseInt(hexFrom(2, kit.seed, v.id, seed), 16) / 65535) * 0.099).toFixed(4));
  const passed = v.decision === 'ACCEPTED';
  const o = v.outcome ? facekiOutcomes[v.outcome] : null;
  return {
    responseCode: o?.code ?? 0,
    ...(o ? { message: o.message } : {}),
    data: {
      verification: {
        passed,
        result: { face: summary.face_verified, notexpired: summary.document_verified },
      },
      face: {
        isIdentical: summary.face_verified,
        confidence: record.document_data[0]?.document_face_match.confidence ?? 0,
      },
      confidence: Object.fromEntries(CONFIDENCE.map((k) => [k, score(k)])),
      responseID: v.id,
      record,
    },
  };
}
