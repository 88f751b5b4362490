// Kulipa's 400s for a request body or query it cannot read (docs: 400), one row per way it fails;
// the table in errors.ts spreads them in at their place.
import type { ErrorTable } from '../../engine/index.js';

export const UNDOC = 'status documented, body undocumented upstream';
// Kulipa's 400 for a request it cannot read: most rows of the table.
export const INVALID = { status: 400, code: 'validation_error' } as const;

export const kulipaInputErrors = {
  UNSUPPORTED_CONTENT_TYPE: {
    ...INVALID,
    message: 'Content-Type must be application/json',
    note: UNDOC,
  },
  MALFORMED_JSON: { ...INVALID, message: 'Request body is not valid JSON', note: UNDOC },
  BODY_NOT_OBJECT: { ...INVALID, message: 'Request body must be a JSON object', note: UNDOC },
  VALIDATION_ERROR: {
    status: 400,
    code: 'validation_error',
    message: '{detail}',
    note: `${UNDOC}: a field breaks the schema; details.issues lists every problem (clients read details.issues)`,
  },
  USER_ID_REQUIRED: { ...INVALID, message: 'userId is required', note: UNDOC },
  USER_ID_NOT_STRING: { ...INVALID, message: 'userId must be a string', note: UNDOC },
  USER_ID_LENGTH: {
    status: 400,
    code: 'validation_error',
    message: 'userId must be exactly 40 characters long (got {length})',
    note: 'docs: "length between 40 and 40"',
  },
  USER_ID_PREFIX: {
    status: 400,
    code: 'validation_error',
    message: "userId must begin with 'usr-'",
    note: `docs: "Begins with 'usr-' followed by a v4 UUID"`,
  },
  USER_ID_NOT_UUID: {
    status: 400,
    code: 'validation_error',
    message: "userId must be 'usr-' followed by a UUID",
    note: 'docs: usr- + v4 UUID; the part after usr- is not a UUID at all',
  },
  USER_ID_VERSION: {
    status: 400,
    code: 'validation_error',
    message: 'userId must contain a v4 UUID (found version {version})',
    note: 'docs: usr- + v4 UUID; a UUID of another version',
  },
  KYC_ID_INVALID: {
    status: 400,
    code: 'validation_error',
    message: "kycId must be 'kyc-' followed by a v4 UUID",
    note: 'KYC ids are undocumented; the sandbox uses kyc- + UUID v4',
  },
  KEY_ID_INVALID: {
    status: 400,
    code: 'validation_error',
    message: "keyId must be 'dwk-' followed by a UUID",
    note: 'third-party SDK: key ids are dwk- + UUID (40 chars)',
  },
  KYC_TYPE_REQUIRED: { ...INVALID, message: 'type is required', note: UNDOC },
  KYC_TYPE_INVALID: {
    status: 400,
    code: 'validation_error',
    message: 'type must be one of: full, shipping, rfi, import',
    note: 'docs: type enum full | shipping | rfi | import',
  },
  KYC_TYPE_LIGHT_DISABLED: {
    status: 400,
    code: 'validation_error',
    message: 'KYC type light is not available',
    note: 'older docs list light; the current enum does not (option lightKyc=allow accepts it)',
  },
  KYC_LIGHT_NOT_IN_REGION: {
    status: 400,
    code: 'validation_error',
    message: 'KYC type light is not available for EU and UK residents',
    note: 'older docs: light is "not available for EU + UK users"',
  },
  KYC_TYPE_FULL_FOLLOWUP_DISABLED: {
    status: 400,
    code: 'validation_error',
    message: 'KYC type full-followup is not available',
    note: 'an older docs revision lists full-followup; the current enum does not (option fullFollowupKyc=allow accepts it)',
  },
  KYC_IMPORT_NOT_AVAILABLE: {
    status: 400,
    code: 'kyc_import_not_available_error',
    message: 'KYC import is not available yet',
    note: 'docs: Import KYC is "NOT AVAILABLE YET"; status and code are the sandbox\'s',
  },
  REDIRECT_URI_INVALID: {
    status: 400,
    code: 'validation_error',
    message: 'redirectUri must be an https:// URL or an app scheme such as myapp://',
    note: 'the redirect field is unnamed upstream; the sandbox calls it redirectUri',
  },
  EMAIL_BODY_INVALID: {
    status: 400,
    code: 'validation_error',
    message: 'Request body must be the email address as a JSON string, or {"email": "…"}',
    note: 'the body of PUT /v1/users/{userId}/email is undocumented; the third-party SDK sends a bare JSON string',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    code: 'validation_error',
    message: 'x-idempotency-key must be between 1 and 64 characters',
    note: 'third-party SDK: at most 64 characters',
  },
} as const satisfies ErrorTable;
