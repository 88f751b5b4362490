// Faceki's error table (docs.faceki.com/data-fields/error-codes and the token page), one row per answer.
import { errorThrower, transportRows, type ErrorRow, type ErrorTable } from '../../engine/index.js';

// The engine's transport rows in Faceki's coded envelope: responseCode 500 on every gateway failure,
// 400 on a body over the limit (as Express answers). The unknown path keeps Faceki's own key,
// INVALID_URL (a scenario name clients may already send), so ROUTE_NOT_FOUND is left out.
const { ROUTE_NOT_FOUND: _unused, ...transport } = transportRows(
  {
    PAYLOAD_TOO_LARGE: {
      code: 400,
      message: 'request entity too large',
      note: 'body over the sandbox limit (Express default 100 KB)',
    },
    TOO_MANY_REQUESTS: {
      code: 429,
      note: 'transport scenario; Faceki documents no rate limit or code',
    },
  },
  () => ({ code: 500 }),
);

/**
 * Rows without `code` are token-endpoint refusals in the documented token error shape; rows with a
 * numeric `code` carry it as `responseCode`. HTTP statuses are undocumented: see README.
 */
export const facekiErrors = {
  // Token endpoints: the documented {status:false, message, statusCode, data:{}} shape.
  CLIENT_ID_REQUIRED: { status: 422, message: 'client id is required' },
  CLIENT_SECRET_REQUIRED: {
    status: 422,
    message: 'client secret is required',
    note: 'mirror of the documented "client id is required"',
  },
  CLIENT_NOT_FOUND: {
    status: 401,
    message: 'invalid client id',
    note: 'unknown client: Faceki documents no wording or status',
  },
  CLIENT_SECRET_INVALID: {
    status: 401,
    message: 'invalid client secret',
    note: 'wrong secret: Faceki documents no wording or status',
  },
  // Code 1 UNAUTHORIZED/INVALID URL, on every call that takes a Bearer token.
  TOKEN_MISSING: {
    status: 401,
    code: 1,
    message: 'Unauthorized: a Bearer token is required',
    note: "code 1; wording is the sandbox's",
  },
  TOKEN_INVALID: {
    status: 401,
    code: 1,
    message: 'Unauthorized: invalid token',
    note: 'code 1; bad signature, malformed or for an unknown client',
  },
  TOKEN_EXPIRED: {
    status: 401,
    code: 1,
    message: 'Unauthorized: token expired',
    note: 'code 1; the token lives expires_in seconds on the tenant clock',
  },
  LINK_NOT_FOUND: {
    status: 404,
    code: 1,
    message: 'Invalid URL: no KYC link {link}',
    note: 'code 1 ("invalid URL") for a link this client does not own',
  },
  // Documented codes.
  BAD_REQUEST: {
    status: 400,
    code: 400,
    message: 'The request sent to the API is malformed or incorrect',
  },
  INTERNAL_SYSTEM_ERROR: {
    status: 500,
    code: 500,
    message: 'An internal server error occurred during the processing of the request',
  },
  WORKFLOW_RULES_MISSING: {
    status: 400,
    code: 5001,
    message: 'Workflow rules necessary for processing are missing',
  },
  INVALID_MISSING_REQUEST_FIELDS: {
    status: 400,
    code: 5002,
    message:
      'Required fields in the request are either invalid or missing as per rules defined in the workflow',
  },
  REQUIRED_DOCUMENT_MISSING: {
    status: 400,
    code: 5006,
    message:
      'A required document for verification is missing as per the rules defined in the workflow',
    note: 'direct verification: a document image the workflow needs was not sent',
  },
  NOT_ENOUGH_WALLET_CREDIT: {
    status: 402,
    code: 5003,
    message: 'There is insufficient credit in the wallet to perform the document verification',
  },
  LINK_LIMIT_REACH: {
    status: 403,
    code: 5009,
    message: 'The maximum limit for document verification links has been reached',
  },
  // Transport failures (scenarios and engine limits), rendered in the same envelope.
  INVALID_URL: {
    status: 404,
    code: 1,
    message: 'Invalid URL',
    note: 'unknown path under /faceki: code 1 is "invalid URL"',
  },
  ...transport,
} as const satisfies ErrorTable;

export type FacekiErrorKey = keyof typeof facekiErrors;

/**
 * Documented codes that are verification outcomes, not refusals: a direct verification that ran
 * answers HTTP 200 with one of them (docs.faceki.com/data-fields/error-codes gives the wording; the
 * vendor's Android SDK reads them from a 2xx body). `decision: null`: the images could not be used,
 * so nothing is recorded. FACE_NOT_FOUND's wording is cut short in the stored copy of the page.
 */
export const facekiOutcomes = {
  SELFIE_LIVENESS_FAILED: {
    code: 5004,
    decision: 'DECLINED',
    message: 'Selfie liveness verification failed.',
  },
  DOCUMENT_FACE_MATCH_FAILED: {
    code: 5005,
    decision: 'DECLINED',
    message: 'The face in the document does not match the facial image provided.',
  },
  MISMATCH_AS_PER_RULES: {
    code: 5007,
    decision: 'DECLINED',
    message:
      'There is a mismatch in the information as per verification rules defined in the workflow',
  },
  KYC_FAILED: {
    code: 5008,
    decision: 'DECLINED',
    message:
      'Know Your Customer (KYC) verification failed. You can check the report in the Portal for more information',
  },
  EXPIRED_DOCUMENT: { code: 5010, decision: 'DECLINED', message: 'The document has expired.' },
  EXPIRY_NOT_FOUND: {
    code: 5011,
    decision: 'DECLINED',
    message: 'The expiry date for the document was not found.',
  },
  FACE_CROPPED: {
    code: 8004,
    decision: null,
    message: 'The facial image provided is cropped. Please check the following Image Guidelines',
  },
  FACE_TOO_CLOSED: {
    code: 8005,
    decision: null,
    message:
      'The face in the image is too close for accurate verification. Please check the following Image Guidelines',
  },
  FACE_NOT_FOUND: {
    code: 8006,
    decision: null,
    message:
      'The API could not find a face in the image. Please check the following Image Guidelines',
  },
} as const satisfies Record<string, { code: number; decision: 'DECLINED' | null; message: string }>;

export type FacekiOutcome = keyof typeof facekiOutcomes;

export const fail = errorThrower(facekiErrors);

/**
 * Token rows: exactly the documented token error. Coded rows: the same shape plus `responseCode`,
 * which is what Faceki's clients test (`responseCode !== 0`); validation issues travel in `data`.
 */
export function renderFacekiError(row: ErrorRow, _key: string, details?: Record<string, unknown>) {
  const base = {
    status: false as const,
    message: row.message,
    statusCode: row.status,
    data: details ?? {},
  };
  return row.code === undefined ? base : { responseCode: row.code, ...base };
}
