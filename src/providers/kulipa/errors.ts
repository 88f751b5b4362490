// Kulipa's error table and envelope; each row Kulipa does not document says why in its `note`.
import { errorThrower, transportRows, type ErrorRow, type ErrorTable } from '../../engine/index.js';

import { kulipaInputErrors, UNDOC } from './errors-input.js';

const { BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT, ...transportFront } = transportRows({
  ROUTE_NOT_FOUND: {
    code: 'not_found_error',
    message: 'Route not found',
    note: 'unknown path under /kulipa',
  },
  PAYLOAD_TOO_LARGE: {
    code: 'payload_too_large_error',
    message: 'Request body is too large',
    note: 'body over the sandbox limit',
  },
  TOO_MANY_REQUESTS: {
    code: 'too_many_requests_error',
    message: 'Too many requests',
    note: 'docs: 429; per-key limit, default 300/min as the third-party SDK assumes',
  },
  BAD_GATEWAY: { code: 'bad_gateway_error', message: 'Bad gateway', note: 'docs: 502 (scenario)' },
  SERVICE_UNAVAILABLE: {
    code: 'service_unavailable_error',
    message: 'Service unavailable',
    note: 'docs: 503 (scenario)',
  },
  GATEWAY_TIMEOUT: {
    code: 'gateway_timeout_error',
    message: 'Gateway timeout',
    note: 'docs: 504 (scenario)',
  },
});

// Kulipa documents only bare statuses (400, 401, 403, 429, 500, 502, 503, 504 on Initiate KYC) and
// one code, 409 duplicate_user_error; the other codes follow its snake_case `*_error` style.
export const kulipaErrors = {
  // x-api-key (docs: 401 and 403 on every endpoint).
  MISSING_API_KEY: {
    status: 401,
    code: 'unauthorized_error',
    message: 'Missing API key',
    note: `${UNDOC}: no x-api-key header`,
  },
  INVALID_API_KEY: {
    status: 401,
    code: 'unauthorized_error',
    message: 'Invalid API key',
    note: `${UNDOC}: a key that names no tenant`,
  },
  FORBIDDEN_USER: {
    status: 403,
    code: 'forbidden_error',
    message: 'You do not have access to this user',
    note: `${UNDOC}: the user belongs to another API key's tenant`,
  },
  FORBIDDEN_KYC: {
    status: 403,
    code: 'forbidden_error',
    message: 'You do not have access to this KYC',
    note: `${UNDOC}: the KYC belongs to another tenant`,
  },
  // Request body and query (docs: 400): errors-input.ts.
  ...kulipaInputErrors,
  // KYC state rules (docs: 400).
  INVALID_USER_STATUS: {
    status: 400,
    code: 'invalid_user_status_error',
    message: 'Cannot initiate a KYC for a {status} user',
    note: 'undocumented: frozen, disabled and deleted users cannot start a KYC',
  },
  RFI_NEEDS_ACTIVE_USER: {
    status: 400,
    code: 'invalid_user_status_error',
    message: 'An rfi KYC can only be initiated for an active user',
    note: 'docs: an RFI is asked of a user who is already verified',
  },
  USER_ALREADY_VERIFIED: {
    status: 400,
    code: 'user_already_verified_error',
    message: 'User has already completed a full KYC',
    note: 'undocumented: a second identity KYC for an active user',
  },
  LIGHT_ALREADY_VERIFIED: {
    status: 400,
    code: 'user_already_verified_error',
    message: 'User is already verified; a full KYC upgrades a light one',
    note: 'older docs: after a light KYC "the user can then upgrade their KYC to a full KYC process"',
  },
  FULL_KYC_REQUIRED: {
    status: 400,
    code: 'full_kyc_required_error',
    message: 'A light KYC could not be completed for this user: a full KYC is required',
    note: 'older docs: Kulipa says "when a light KYC cannot be completed and a full one is required"; status and code undocumented',
  },
  KYC_IN_REVIEW: {
    status: 400,
    code: 'kyc_in_review_error',
    message: 'A {type} KYC for this user is already under review',
    note: 'undocumented: a new KYC while one of the same type is submitted',
  },
  KYC_NOT_VERIFIED: {
    status: 400,
    code: 'kyc_not_verified_error',
    message: 'The user must have a verified full KYC on record',
    note: 'docs (kyc-export) prerequisite, in its words; the status and code of the refusal are undocumented',
  },
  EXPORT_USER_NOT_ACTIVE: {
    status: 400,
    code: 'invalid_user_status_error',
    message: 'The user must be in active status',
    note: 'docs (kyc-export) prerequisite, in its words; the status and code of the refusal are undocumented',
  },
  // User updates (docs: 400 on updateuseraddress).
  USER_NOT_UPDATABLE: {
    status: 400,
    code: 'invalid_user_status_error',
    message: 'Cannot update a {status} user',
    note: 'undocumented: a disabled or deleted user cannot be changed',
  },
  ADDRESS_UPDATE_NEEDS_KYC: {
    status: 400,
    code: 'address_update_not_allowed_error',
    message: 'Users who have undergone KYC must complete a new KYC process to update their address',
    note: 'docs (updateuseraddress) rule, in its words; the status and code of the refusal are undocumented',
  },
  // Lookups.
  USER_NOT_FOUND: {
    status: 404,
    code: 'not_found_error',
    message: 'User not found',
    note: 'undocumented on Initiate KYC; an id no tenant owns',
  },
  KYC_NOT_FOUND: {
    status: 404,
    code: 'not_found_error',
    message: 'KYC not found',
    note: 'undocumented: GET /v1/kycs/{kycId} is a sandbox addition',
  },
  WEBHOOK_KEY_NOT_FOUND: {
    status: 404,
    code: 'not_found_error',
    message: 'Webhook key not found',
    note: 'undocumented: a key id this tenant does not sign with',
  },
  // Conflicts.
  DUPLICATE_USER_PHONE: {
    status: 409,
    code: 'duplicate_user_error',
    message: 'A user with this phone number already exists',
    note: 'docs FAQ: 409 duplicate_user_error for the same phone; message undocumented',
  },
  DUPLICATE_USER_EMAIL: {
    status: 409,
    code: 'duplicate_user_error',
    message: 'A user with this email already exists',
    note: 'docs: email "should be distinct among all users"; same code as the phone case',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    code: 'idempotency_key_in_use_error',
    message: 'A request with this idempotency key is still being processed',
    note: 'IETF idempotency-key draft: 409 while the first request runs',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    code: 'idempotency_key_reused_error',
    message: 'This idempotency key was already used with a different request',
    note: 'IETF idempotency-key draft: 422 for a key reused with another payload',
  },
  // Transport (scenarios and engine refusals), in Kulipa's envelope; the 500 row keeps its place
  // between 429 and 502, the order the scenario catalogue lists them in.
  ...transportFront,
  INTERNAL_SERVER_ERROR: {
    status: 500,
    code: 'internal_server_error',
    message: 'Internal server error',
    note: 'docs: 500 (scenario)',
  },
  BAD_GATEWAY,
  SERVICE_UNAVAILABLE,
  GATEWAY_TIMEOUT,
} as const satisfies ErrorTable;

export type KulipaErrorKey = keyof typeof kulipaErrors;

export const fail = errorThrower(kulipaErrors);

/** {code, message, details?}: clients read `details.issues` on 400s (zod-style), so issues live there. */
export const renderKulipaError = (
  row: ErrorRow,
  _key: string,
  details?: Record<string, unknown>,
) => ({
  code: row.code,
  message: row.message,
  ...(details ? { details } : {}),
});

/** One validation problem, zod-style: the path as segments, and what is wrong. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** A 400 whose message is the issue itself, with the issue in details.issues. */
export function invalid(key: KulipaErrorKey, path: string[], vars: Record<string, unknown> = {}) {
  const e = fail(key, { vars });
  return fail(key, { vars, details: { issues: [{ path, message: e.row.message }] } });
}
