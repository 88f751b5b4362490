// gu1's error table and envelope: the titles, sentences and statuses gu1's pages give, in one envelope.
import {
  errorThrower,
  transportKeys,
  transportRows,
  type ErrorRow,
  type ErrorTable,
} from '../../engine/index.js';

/** The engine's transport rows in gu1's wording (sentence case, its own 404, 413 and 429). */
const transport = transportRows({
  ROUTE_NOT_FOUND: { message: 'Route not found', note: 'unknown path under /gu1' },
  PAYLOAD_TOO_LARGE: {
    message: 'Request body too large',
    note: 'body over the sandbox limit (100 KB)',
  },
  TOO_MANY_REQUESTS: {
    code: 'RATE_LIMIT_EXCEEDED',
    message: 'Rate limit exceeded, retry later',
    note: 'docs: sandbox "Limited rate limits (100 req/h)"; body undocumented',
  },
  BAD_GATEWAY: { message: 'Bad gateway' },
  SERVICE_UNAVAILABLE: { message: 'Service unavailable' },
  GATEWAY_TIMEOUT: { message: 'Gateway timeout' },
});

// Every body and code is a sandbox choice (gu1 documents no error envelope); a row whose status and
// wording gu1's pages give says so in its note, the others say why they exist.
export const gu1Errors = {
  // Authentication. gu1 documents one 401 body (get-id-verification page), worded to cover every
  // credential problem: details.reason says which one it was.
  UNAUTHORIZED: {
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'Missing or invalid API key or organization context',
    note: "docs (get-id-verification): 401 UNAUTHORIZED, this message; no or unknown Bearer key, an X-Organization-ID that is malformed or not the key's, or none where one is needed (details.reason)",
  },
  // Input.
  INVALID_BODY: {
    status: 400,
    code: 'INVALID_BODY',
    message: 'Request body must be a JSON object sent with Content-Type: application/json',
    note: 'malformed JSON or wrong content type',
  },
  VALIDATION_ERROR: {
    status: 400,
    code: 'VALIDATION_ERROR',
    message: 'Validation failed',
    note: 'schema violations; details.issues lists them',
  },
  METADATA_TOO_LARGE: {
    status: 400,
    code: 'METADATA_TOO_LARGE',
    message: 'metadata must be at most 10 KB of JSON ({size} bytes sent)',
    note: 'docs: metadata max 10KB; the answer is undocumented',
  },
  INTEGRATION_NOT_CONFIGURED: {
    status: 400,
    code: 'INTEGRATION_NOT_CONFIGURED',
    message: 'Integration {integrationCode} is not configured for this organization',
    note: 'docs: the code "must match an integration configured for your organization"',
  },
  INVALID_REASON: {
    status: 400,
    code: 'INVALID_REASON',
    message: 'Reason must be at least 5 characters',
    note: 'docs (cancel, approve, reject): "Invalid Reason (400)", this sentence',
  },
  // Moves on a validation.
  NO_SESSION_ID: {
    status: 400,
    code: 'NO_SESSION_ID',
    message: 'Validation has no provider session to sync',
    note: 'docs (sync): "No Session ID (400)", this sentence; a sandbox test taxId validation has none',
  },
  PROVIDER_INTEGRATION_NOT_CONFIGURED: {
    status: 400,
    code: 'PROVIDER_INTEGRATION_NOT_CONFIGURED',
    message: 'Provider Integration Not Configured',
    note: "docs (sync): this title; the validation's integration is no longer enabled for the organization",
  },
  CANCEL_INVALID_STATUS: {
    status: 400,
    code: 'INVALID_STATUS',
    message: 'Validation can only be cancelled if status is {allowed}',
    note: 'docs (cancel): "Invalid Status (400)", this sentence (option cancellableFrom)',
  },
  APPROVE_INVALID_STATUS: {
    status: 400,
    code: 'INVALID_STATUS',
    message: 'Validation can only be approved if provider status is in_review',
    note: 'docs (approve): "Invalid Status (400)", this sentence',
  },
  REJECT_INVALID_STATUS: {
    status: 400,
    code: 'INVALID_STATUS',
    message: 'Validation can only be rejected if provider status is in_review',
    note: 'docs (reject): "Invalid Status (400)", this sentence',
  },
  // Resources.
  ENTITY_ALREADY_EXISTS: {
    status: 409,
    code: 'ENTITY_ALREADY_EXISTS',
    message: 'An entity with taxId {taxId} already exists in this organization',
    note: 'documented 409 (duplicate taxId); body and code chosen by the sandbox',
  },
  ENTITY_NOT_FOUND: {
    status: 404,
    code: 'ENTITY_NOT_FOUND',
    message: 'Entity Not Found',
    note: "docs (entities/get): 404; unknown entity, or another organization's",
  },
  VALIDATION_NOT_FOUND: {
    status: 404,
    code: 'VALIDATION_NOT_FOUND',
    message: 'Validation Not Found',
    note: "docs: this title; unknown, another organization's, or deleted",
  },
  NO_CURRENT_VALIDATION: {
    status: 404,
    code: 'NO_CURRENT_VALIDATION',
    message: 'No Current Validation Found',
    note: 'docs: this title',
  },
  // Transport failures and scenarios, rendered in the same envelope. Listed one by one rather
  // than spread: the table's keys, in this order, are gu1's scenario catalogue (README), where the
  // 429 has always been RATE_LIMITED and INTERNAL_ERROR sits among the transport rows.
  ROUTE_NOT_FOUND: transport.ROUTE_NOT_FOUND,
  PAYLOAD_TOO_LARGE: transport.PAYLOAD_TOO_LARGE,
  RATE_LIMITED: transport.TOO_MANY_REQUESTS,
  INTERNAL_ERROR: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal server error',
    note: 'transport scenario',
  },
  BAD_GATEWAY: transport.BAD_GATEWAY,
  SERVICE_UNAVAILABLE: transport.SERVICE_UNAVAILABLE,
  GATEWAY_TIMEOUT: transport.GATEWAY_TIMEOUT,
} as const satisfies ErrorTable;

export type Gu1ErrorKey = keyof typeof gu1Errors;

export const fail = errorThrower(gu1Errors);

/** The rows the pipeline renders by status; gu1's 429 row keeps its own key (see above). */
export const gu1Transport = { ...transportKeys('INTERNAL_ERROR'), 429: 'RATE_LIMITED' } as const;

/** {success:false, error:{code,message}}: mirrors gu1's {success:true, entity} success envelope. */
export const renderGu1Error = (row: ErrorRow, _key: string, details?: Record<string, unknown>) => ({
  success: false,
  error: { code: String(row.code), message: row.message, ...(details ? { details } : {}) },
});
