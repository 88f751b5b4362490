// Capa's documented error table (docs.capa.fi v2 reference pages), verbatim. Rows marked `note`
// are not in Capa's tables; the note says why the sandbox has them.
import { errorThrower, transportRows, type ErrorRow, type ErrorTable } from '../../engine/index.js';

export const capaErrors = {
  // Common to every endpoint.
  API_KEY_MISSING: { status: 401, code: 'UNAUTHORIZED', message: 'API Key is missing' },
  API_KEY_INVALID_FORMAT: { status: 401, code: 'UNAUTHORIZED', message: 'Invalid API Key format' },
  API_KEY_INVALID: { status: 401, code: 'UNAUTHORIZED', message: 'Invalid API Key' },
  INVALID_PARTNER_FLOW: {
    status: 403,
    code: 'INVALID_PARTNER_FLOW',
    message: 'The partner has an invalid flow.',
  },
  // User ownership, on endpoints that take a userId.
  PARTNER_INFO_REQUIRED: {
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'Partner information is required for this operation',
  },
  USER_NOT_ASSOCIATED: {
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'User is not associated with the partner',
  },
  // Endpoint-specific.
  INVALID_USER_INPUT_ERROR: {
    status: 400,
    code: 'INVALID_USER_INPUT_ERROR',
    message: 'Invalid User Input',
  },
  INVALID_EMAIL: { status: 400, code: 'BAD_REQUEST', message: 'Provided email is not valid' },
  // The docs render these two with their variables lost: " users can only request verification".
  // Listed on the link pages only: the details pages answer a user of the other type with their 404.
  INVALID_VERIFICATION_TYPE_FOR_USER: {
    status: 400,
    code: 'INVALID_VERIFICATION_TYPE_FOR_USER',
    message: '{userType} users can only request {allowed} verification',
  },
  KYC_TEMPLATE_NOT_CONFIGURED_ERROR: {
    status: 400,
    code: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
    message: 'KYC template not configured for {country}',
  },
  KYB_TEMPLATE_NOT_CONFIGURED_ERROR: {
    status: 400,
    code: 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
    message: 'KYB template not configured for {country}',
  },
  NOT_FOUND_ERROR: {
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested User was not found',
  },
  KYB_NOT_FOUND_ERROR: {
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested KYB verification was not found',
  },
  KYC_NOT_FOUND_ERROR: {
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested KYC verification was not found',
    note: 'mirror of the KYB row: KYC details before any verification started',
  },
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    code: 'NOT_FOUND',
    message: 'Webhook notification not found',
  },
  USER_CONFLICT: {
    status: 409,
    code: 'CONFLICT',
    message: 'User with externalUserId {externalUserId} already exists',
    note: 'Capa documents a "conflict" for a reused externalUserId without status or code',
  },
  EMAIL_CONFLICT: {
    status: 409,
    code: 'CONFLICT',
    message: 'User with email {email} already exists',
    note: 'docs: email is unique per partner; status and code undocumented',
  },
  VERIFICATION_ALREADY_COMPLETED: {
    status: 409,
    code: 'CONFLICT',
    message:
      'User {userId} has a {kind} verification in status {status}; no new link can be generated',
    note: 'undocumented: a link asked for after the verification was submitted',
  },
  KYC_ALREADY_SUBMITTED: {
    status: 409,
    code: 'CONFLICT',
    message: 'User {userId} has a KYC verification in status {status}; no KYC can be sent for it',
    note: 'undocumented: send-verification after a KYC was submitted (Capa publishes no error table for it)',
  },
  MANUAL_RETRY_LIMIT: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Manual retry limit of 3 reached for this notification',
    note: 'docs: at most 3 manual retries',
  },
  NOTIFICATION_NOT_RETRYABLE: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Notification was not sent: no webhook URL was configured',
    note: 'undocumented: retrying a NOT_SENT notification',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to create verification link',
  },
  USER_CREATION_FAILED: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'User creation failed',
  },
  KYC_DETAILS_FAILED: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to get user KYC details',
    note: 'mirror of the KYB row',
  },
  KYB_DETAILS_FAILED: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to get user KYB details',
  },
  AGREEMENTS_FAILED: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to read agreements',
  },
  // Transport failures (scenarios): Capa documents none of these bodies; rendered in its envelope.
  ...transportRows({
    ROUTE_NOT_FOUND: { note: 'unknown path under /capa' },
    PAYLOAD_TOO_LARGE: {
      message: 'request entity too large',
      note: 'body over the limit (NestJS default 100 KB)',
    },
  }),
} as const satisfies ErrorTable;

export const fail = errorThrower(capaErrors);

/** NestJS-style body: Capa documents no error body; third-party clients read `.message`. */
export const renderCapaError = (
  row: ErrorRow,
  _key: string,
  details?: Record<string, unknown>,
) => ({
  statusCode: row.status,
  code: row.code,
  message: row.message,
  ...(details ? { details } : {}),
});
