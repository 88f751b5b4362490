// Baanx's error table (docs.baanx.com), answered as a flat {"message"}.
import {
  errorThrower,
  transportKeys,
  transportRows,
  type ErrorRow,
  type ErrorTable,
} from '../../engine/index.js';

// Only 498 "Invalid Token", 401 "Not authenticated" and 400 "Invalid onboarding ID" are shown
// verbatim upstream. Rows with a `note` are the sandbox's wording for statuses the docs name without
// a body, or for checks the docs imply (step order, US-only fields) without listing an error.

export const baanxErrors = {
  // Documented with their bodies.
  INVALID_CLIENT_KEY: { status: 498, message: 'Invalid Token' },
  NOT_AUTHENTICATED: { status: 401, message: 'Not authenticated' },
  INVALID_ONBOARDING_ID: { status: 400, message: 'Invalid onboarding ID' },
  // Documented statuses whose bodies are not shown.
  ONBOARDING_NOT_FOUND: {
    status: 404,
    message: 'Onboarding not found',
    note: 'documented 404 (unknown or already completed onboarding); body not shown upstream',
  },
  CLIENT_MISMATCH: {
    status: 403,
    message: 'User does not belong to this client',
    note: "documented 403 (client key does not match the user's client); body not shown upstream",
  },
  USER_DISABLED: {
    status: 403,
    message: 'User account is disabled',
    note: 'documented 403 (account suspended or disabled); body not shown upstream',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    message: 'Internal server error',
    note: 'documented 500 (e.g. the verification provider is unavailable); body not shown upstream',
  },
  // Implied by the docs (formats, codes, US-only rules, step order); wording is the sandbox's.
  INVALID_REQUEST: {
    status: 400,
    message: 'Invalid request: {issues}',
    note: 'malformed JSON, wrong content type or a field outside the documented format',
  },
  CONTACT_VERIFICATION_NOT_FOUND: {
    status: 404,
    message: 'Contact verification not found',
    note: 'unknown contactVerificationId (or one from the other region)',
  },
  CONTACT_MISMATCH: {
    status: 400,
    message: 'Contact verification does not belong to this onboarding',
    note: 'phone/verify with another registration’s contactVerificationId',
  },
  EMAIL_MISMATCH: {
    status: 400,
    message: 'Email does not match the verification request',
    note: 'email/verify with another address than email/send',
  },
  PHONE_MISMATCH: {
    status: 400,
    message: 'Phone number does not match the verification request',
    note: 'phone/verify with another number than phone/send',
  },
  INVALID_VERIFICATION_CODE: {
    status: 400,
    message: 'Invalid verification code',
    note: 'a 6-digit code other than the sandbox code',
  },
  VERIFICATION_CODE_EXPIRED: {
    status: 400,
    message: 'Verification code expired',
    note: 'docs: the code expires after 10–15 minutes (emailCodeTtl)',
  },
  STEP_OUT_OF_ORDER: {
    status: 400,
    message: '{step} requires {required} first',
    note: 'docs: "each step must be completed in order"',
  },
  SSN_REQUIRED: {
    status: 400,
    message: 'ssn is required when countryOfResidence is US',
    note: 'docs: ssn "Required only if countryOfResidence = US"',
  },
  US_STATE_REQUIRED: {
    status: 400,
    message: 'usState is required when countryOfResidence is US',
    note: 'docs: usState "Required only if countryOfResidence = US"',
  },
  MAILING_ADDRESS_US_ONLY: {
    status: 400,
    message: 'isSameMailingAddress must be true unless countryOfResidence is US',
    note: 'docs: "Must be true unless countryOfResidence = US"',
  },
  MAILING_ADDRESS_NOT_EXPECTED: {
    status: 400,
    message: 'Mailing address is only for US residents whose mailing address differs',
    note: 'docs: the mailing-address step is "only for US residents with different mailing addresses"',
  },
  EMAIL_ALREADY_REGISTERED: {
    status: 409,
    message: 'Email already registered',
    note: 'two registrations of one email: the second cannot complete',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    message: 'Invalid email or password',
    note: 'login with a wrong password or an unregistered email; body not shown upstream',
  },
  COUNTRY_NOT_SUPPORTED: {
    status: 400,
    message: 'Sign-up is not available in {country}',
    note: 'a country GET /v1/auth/settings lists with canSignUp: false',
  },
  INVALID_OTP_CODE: {
    status: 401,
    message: 'Invalid OTP code',
    note: 'login with an otpCode other than the one /v1/auth/login/otp sent, or none sent; body not shown upstream',
  },
  OTP_CODE_EXPIRED: {
    status: 401,
    message: 'OTP code expired',
    note: 'docs: the login code "expires after a few minutes" (otpTtl); body not shown upstream',
  },
  OTP_NOT_ENABLED: {
    status: 400,
    message: 'OTP is not enabled for this user',
    note: '/v1/auth/login/otp for a user without OTP (docs: OTP "required only if user has OTP enabled")',
  },
  USER_NOT_FOUND: {
    status: 404,
    message: 'User not found',
    note: '/v1/auth/login/otp with a userId unknown to this client and region',
  },
  // Transport failures (scenarios and engine refusals), in Baanx's flat envelope: Baanx has no codes.
  ...transportRows(
    {
      ROUTE_NOT_FOUND: { note: 'unknown path under /baanx' },
      PAYLOAD_TOO_LARGE: { note: 'body over the sandbox limit' },
      TOO_MANY_REQUESTS: { note: 'transport scenario; Baanx documents no rate limit' },
    },
    () => ({ code: undefined }),
  ),
} as const satisfies ErrorTable;

export const fail = errorThrower(baanxErrors);

/** Baanx's flat envelope: {"message": "..."} and nothing else. */
export const renderBaanxError = (row: ErrorRow) => ({ message: row.message });

/** Error-table keys for transport failures and engine refusals, by HTTP status. */
export const baanxTransport = transportKeys('INTERNAL_SERVER_ERROR');
