// Request reading beyond the contract: body problems, typed ids, KYC type, redirect URI, paging.
import type { Context } from 'hono';
import {
  allowedRedirect,
  bodyValidator,
  depthOver,
  isObject,
  MAX_JSON_DEPTH,
  requestJsonObject,
  type BodyProblem,
  type Kit,
  type ProviderEnv,
  type RedirectScheme,
} from '../../engine/index.js';
import { fail, invalid, type Issue } from './errors.js';
import { KYC_TYPES, optionsOf, type KycType } from './lifecycle.js';
import type { Address, KulipaUser, UserInput } from './records.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Where a KYC may send the person back: https, a custom app scheme (myapp://), plain http only to
 * the developer's own machine. The hosted page follows the same policy (sessions.ts).
 */
export const REDIRECT_SCHEMES: readonly RedirectScheme[] = ['https', 'http-localhost', 'app'];
const MAX_REDIRECT_LENGTH = 2048;

type SchemaErrors = Extract<BodyProblem, { reason: 'schema' }>['errors'];

/** Every schema problem, zod-style; the first one is the message. */
function schemaProblem(errors: SchemaErrors) {
  const issues: Issue[] = errors.map((e) => {
    const path = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.keyword === 'required')
      return { path: [...path, String(e.params.missingProperty)], message: 'is required' };
    return { path, message: e.message ?? 'is invalid' };
  });
  const first = issues[0];
  return fail('VALIDATION_ERROR', {
    vars: { detail: `${first.path.join('.') || 'body'} ${first.message}` },
    details: { issues },
  });
}

function bodyProblem(problem: BodyProblem) {
  if (problem.reason === 'schema') return schemaProblem(problem.errors);
  if (problem.reason === 'content-type') return fail('UNSUPPORTED_CONTENT_TYPE');
  return fail(problem.reason === 'malformed' ? 'MALFORMED_JSON' : 'BODY_NOT_OBJECT');
}

/** The JSON object body checked against the matched operation's schema, or Kulipa's 400. */
export const validateBody = bodyValidator(bodyProblem);

/** The JSON object body without the schema: Initiate KYC checks each field itself, a message per rule. */
export function readBody(c: Context<ProviderEnv>): Record<string, unknown> {
  const body = requestJsonObject(c);
  if (!body.ok) throw bodyProblem(body);
  return body.value;
}

/** A usr- id, with a distinct 400 for a missing value, a wrong length, prefix, UUID or UUID version. */
export function userIdFrom(value: unknown, path = 'userId'): string {
  if (value === undefined || value === null || value === '')
    throw invalid('USER_ID_REQUIRED', [path]);
  if (typeof value !== 'string') throw invalid('USER_ID_NOT_STRING', [path]);
  if (value.length !== 40) throw invalid('USER_ID_LENGTH', [path], { length: value.length });
  if (!value.startsWith('usr-')) throw invalid('USER_ID_PREFIX', [path]);
  const uuid = value.slice(4);
  if (!UUID.test(uuid)) throw invalid('USER_ID_NOT_UUID', [path]);
  if (!UUID_V4.test(uuid)) throw invalid('USER_ID_VERSION', [path], { version: uuid[14] });
  return value.toLowerCase();
}

export function kycIdFrom(value: string): string {
  if (value.length !== 40 || !value.startsWith('kyc-') || !UUID_V4.test(value.slice(4)))
    throw invalid('KYC_ID_INVALID', ['kycId']);
  return value.toLowerCase();
}

export function keyIdFrom(value: string): string {
  if (value.length !== 40 || !value.startsWith('dwk-') || !UUID.test(value.slice(4)))
    throw invalid('KEY_ID_INVALID', ['keyId']);
  return value.toLowerCase();
}

/** The KYC type: the documented enum; light and full-followup only with their options; import not yet. */
export function kycTypeFrom(kit: Kit, value: unknown): KycType {
  if (value === undefined || value === null || value === '')
    throw invalid('KYC_TYPE_REQUIRED', ['type']);
  if (value === 'light') {
    if (optionsOf(kit).lightKyc === 'allow') return 'light';
    throw invalid('KYC_TYPE_LIGHT_DISABLED', ['type']);
  }
  if (value === 'full-followup') {
    if (optionsOf(kit).fullFollowupKyc === 'allow') return 'full-followup';
    throw invalid('KYC_TYPE_FULL_FOLLOWUP_DISABLED', ['type']);
  }
  if (typeof value !== 'string' || !(KYC_TYPES as readonly string[]).includes(value))
    throw invalid('KYC_TYPE_INVALID', ['type']);
  if (value === 'import') throw fail('KYC_IMPORT_NOT_AVAILABLE');
  return value as KycType;
}

/** An optional redirect URI under the one redirect policy (no credentials, no look-alike hosts). */
export function redirectUriFrom(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const uri = typeof value === 'string' && value.length <= MAX_REDIRECT_LENGTH ? value : '';
  const allowed = allowedRedirect(uri, REDIRECT_SCHEMES);
  if (allowed === null) throw invalid('REDIRECT_URI_INVALID', ['redirectUri']);
  return allowed;
}

/** A whole number query parameter within bounds, or the schema-style 400. */
export function intQuery(
  c: Context,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const message = `must be a whole number between ${min} and ${max}`;
    throw fail('VALIDATION_ERROR', {
      vars: { detail: `${name} ${message}` },
      details: { issues: [{ path: [name], message }] },
    });
  }
  return n;
}

// A format-valid date such as 0001-01-01 is still no one's birth date.
const EARLIEST_BIRTH = '1900-01-01';

/**
 * The new user's fields, from a body the schema has passed: the third-party SDK's CreateUserRequest, of which the docs' minimal body
 * {email, firstName, lastName, countryOfResidence} is enough.
 */
export function userInput(kit: Kit, body: Record<string, unknown>): UserInput {
  const dateOfBirth = (body.dateOfBirth as string | undefined) ?? null;
  if (dateOfBirth && (dateOfBirth < EARLIEST_BIRTH || Date.parse(dateOfBirth) >= kit.now())) {
    const message = `must be between ${EARLIEST_BIRTH} and today`;
    throw fail('VALIDATION_ERROR', {
      vars: { detail: `dateOfBirth ${message}` },
      details: { issues: [{ path: ['dateOfBirth'], message }] },
    });
  }
  // Older clients send wallet.address instead of wallet.withdrawalAddress (third-party SDK history).
  const wallet = body.wallet as
    { blockchain: string; withdrawalAddress?: string; address?: string } | undefined;
  return {
    firstName: String(body.firstName),
    lastName: String(body.lastName),
    email: String(body.email),
    phone: (body.phone as KulipaUser['phone'] | undefined) ?? null,
    dateOfBirth,
    countryOfBirth: (body.countryOfBirth as string | undefined) ?? null,
    countryOfResidence: String(body.countryOfResidence),
    address: (body.address as KulipaUser['address'] | undefined) ?? null,
    shippingAddress: (body.shippingAddress as KulipaUser['shippingAddress'] | undefined) ?? null,
    companyId: (body.companyId as string | undefined) ?? null,
    wallet: wallet
      ? {
          blockchain: wallet.blockchain,
          withdrawalAddress: String(wallet.withdrawalAddress ?? wallet.address),
        }
      : null,
  };
}

/** An Address from a body the schema has passed, keeping only its own fields. */
export function addressOf(value: Record<string, unknown>): Address {
  const { address1, address2, postalCode, city, country, state } = value as unknown as Address;
  return {
    address1,
    ...(address2 === undefined ? {} : { address2 }),
    postalCode,
    city,
    country,
    ...(state === undefined ? {} : { state }),
  };
}

/** PUT /v1/users/{userId}/shipping-address: {address, phone?}, from a body the schema has passed. */
export function shippingOf(
  body: Record<string, unknown>,
): NonNullable<UserInput['shippingAddress']> {
  const phone = body.phone as string | undefined;
  return {
    address: addressOf(body.address as Record<string, unknown>),
    ...(phone === undefined ? {} : { phone }),
  };
}

/**
 * PUT /v1/users/{userId}/email: the body is undocumented; the third-party SDK sends the address as a
 * bare JSON string, a hand-written client may send {"email": …}. Either, checked by the contract.
 */
export function emailFrom(c: Context<ProviderEnv>): string {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    throw fail('UNSUPPORTED_CONTENT_TYPE');
  let value: unknown;
  try {
    value = JSON.parse(c.get('requestText') ?? '');
  } catch {
    throw fail('MALFORMED_JSON');
  }
  if (depthOver(value, MAX_JSON_DEPTH)) throw fail('MALFORMED_JSON');
  if (typeof value !== 'string' && !isObject(value)) throw fail('EMAIL_BODY_INVALID');
  const operation = c.get('operation');
  const errors = operation ? c.get('kit').contract.checkRequest(operation, value) : null;
  // oneOf reports both branches' errors; either way the one thing wrong is the email itself.
  if (errors) {
    const message = 'must be an email address of at most 254 characters';
    throw fail('VALIDATION_ERROR', {
      vars: { detail: `email ${message}` },
      details: { issues: [{ path: ['email'], message }] },
    });
  }
  return typeof value === 'string' ? value : String(value.email);
}
