// Request reading beyond the contract: the body (Capa's 400 for anything off), the KYC upload in its
// two documented forms, user ids and the user they name (each endpoint with the rows its own page
// lists), email syntax, countries and templates, and the redirect policy for partnerRedirectUri.
import type { Context } from 'hono';
import {
  allowedRedirect,
  bodyValidator,
  readFixture,
  requireOwned,
  type BodyProblem,
  type Kit,
  type ProviderEnv,
  type RedirectScheme,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { kindFor, optionsOf, type VerificationKind } from './lifecycle.js';
import { USERS, type CapaUser, type PersonalInfo } from './records.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Where a partner may send the person back: https, or a custom app scheme (myapp://); plain http
 * only for a developer's own machine. The same policy at link creation and on the hosted page.
 */
export const REDIRECT_SCHEMES: readonly RedirectScheme[] = ['https', 'http-localhost', 'app'];

type Issue = { path: string; message: string };

/** Capa's 400 "Invalid User Input", with what was wrong in details.issues. */
const invalid = (...issues: Issue[]) => fail('INVALID_USER_INPUT_ERROR', { details: { issues } });

const issuesOf = (problem: BodyProblem): Issue[] =>
  problem.reason === 'schema'
    ? problem.errors.map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }))
    : [{ path: '', message: `body: ${problem.reason}` }];

/** The JSON body, checked against the operation's contract schema; anything off is Capa's 400. */
export const validateBody = bodyValidator((problem) => invalid(...issuesOf(problem)));

/** A userId in a link's path or a body: the link pages list 400 "Invalid User Input" for it. */
export function userIdFrom(value: unknown, path = 'userId'): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw invalid({ path, message: 'must be a UUID' });
  return value.toLowerCase();
}

/** This partner's user; another partner's user and an unknown id get Capa's two different answers. */
export const userFor = (kit: Kit, userId: string) =>
  requireOwned<CapaUser>(kit, USERS, userId, {
    unknown: () => fail('NOT_FOUND_ERROR'),
    foreign: () => fail('USER_NOT_ASSOCIATED'),
  });

/**
 * The user whose details are asked for. The details pages list only their own 404 ("Requested
 * KYC/KYB verification was not found") besides the ownership rows, so an id that is not a UUID, an
 * unknown user, and a user of the other type (who never has that verification) all get it.
 */
export function detailsUserFor(kit: Kit, value: string | undefined, kind: VerificationKind) {
  const missing = () => fail(kind === 'kyc' ? 'KYC_NOT_FOUND_ERROR' : 'KYB_NOT_FOUND_ERROR');
  if (!value || !UUID.test(value)) throw missing();
  return requireOwned<CapaUser>(kit, USERS, value.toLowerCase(), {
    unknown: missing,
    foreign: () => fail('USER_NOT_ASSOCIATED'),
  });
}

/**
 * The user whose agreements are asked for. That page lists no 400 and no 404, only the ownership
 * rows: a user this partner does not have (malformed id, unknown, or another partner's) is "not
 * associated with the partner".
 */
export function associatedUserFor(kit: Kit, value: string | undefined) {
  const notAssociated = () => fail('USER_NOT_ASSOCIATED');
  if (!value || !UUID.test(value)) throw notAssociated();
  return requireOwned<CapaUser>(kit, USERS, value.toLowerCase(), {
    unknown: notAssociated,
    foreign: notAssociated,
  });
}

/** INDIVIDUAL users verify with KYC, BUSINESS users with KYB: the link pages' 400 otherwise. */
export function requireKind(user: CapaUser, kind: VerificationKind) {
  if (kindFor(user.type) !== kind)
    throw fail('INVALID_VERIFICATION_TYPE_FOR_USER', {
      vars: { userType: user.type, allowed: kindFor(user.type).toUpperCase() },
    });
}

export function redirectUriFrom(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const uri = allowedRedirect(String(value), REDIRECT_SCHEMES);
  if (uri === null)
    throw invalid({
      path: '/partnerRedirectUri',
      message: 'must be https:// or a custom app scheme such as myapp://',
    });
  return uri;
}

const templates = readFixture<{ specCountries: string[]; kyc: string[]; kyb: string[] }>(
  'capa',
  'templates.json',
);

/**
 * The country of a link or upload, when the countries variant lists it (the contract already
 * checked the 39 documented codes) and Capa has a template for that kind there.
 */
export function templateCountryFrom(kit: Kit, kind: VerificationKind, value: unknown): string {
  const asked = String(value);
  if (optionsOf(kit).countries === 'spec' && !templates.specCountries.includes(asked))
    throw invalid({
      path: '/country',
      message: `must be one of ${templates.specCountries.join(', ')} (countries=spec)`,
    });
  // The fixture's own string is what records keep: one "MX" for every link, not one per request.
  const country = templates[kind].find((t) => t === asked);
  if (country === undefined)
    throw fail(
      kind === 'kyc' ? 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR' : 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
      { vars: { country: asked } },
    );
  return country;
}

/** personalInfo, which the pages require when the country is MX (the contract checked its fields). */
export function personalInfoFrom(value: unknown, country: string): PersonalInfo | null {
  if (value === undefined || value === null) {
    if (country === 'MX')
      throw invalid({ path: '/personalInfo', message: 'is required when country is MX' });
    return null;
  }
  const p = value as PersonalInfo;
  return {
    profession: p.profession,
    phoneNumber: p.phoneNumber,
    birthCountry: p.birthCountry,
    ...(p.taxId === undefined ? {} : { taxId: p.taxId }),
  };
}

/** The files the reference page's multipart form requires. */
export const UPLOAD_FILES = ['frontId', 'backId', 'selfie'] as const;

const MULTIPART = /^multipart\/form-data\b/i;

/**
 * The body of a KYC upload: JSON (the published OpenAPI, the official SDK) or multipart/form-data
 * with the three files and personalInfo as a stringified JSON part (the reference page), as the
 * uploadFormat variant allows. Either way the fields are checked against the contract's schema.
 */
export async function readUpload(c: Context<ProviderEnv>): Promise<Record<string, unknown>> {
  const format = optionsOf(c.get('kit')).uploadFormat;
  const type = c.req.header('content-type') ?? '';
  if (!MULTIPART.test(type)) {
    if (format === 'multipart')
      throw invalid({
        path: '',
        message:
          'body: send multipart/form-data with frontId, backId and selfie (uploadFormat=multipart)',
      });
    return validateBody(c);
  }
  if (format === 'json')
    throw invalid({ path: '', message: 'body: send application/json (uploadFormat=json)' });
  let form: FormData;
  try {
    form = await new Response(c.get('requestText') ?? '', {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw invalid({ path: '', message: 'body: malformed multipart/form-data' });
  }
  const body: Record<string, unknown> = {};
  for (const name of ['userId', 'country', 'documentType'] as const) {
    const v = form.get(name);
    if (typeof v === 'string') body[name] = v;
  }
  const info = form.get('personalInfo');
  if (typeof info === 'string') {
    try {
      body.personalInfo = JSON.parse(info) as unknown;
    } catch {
      throw invalid({ path: '/personalInfo', message: 'must be a stringified JSON object' });
    }
  }
  const missing = UPLOAD_FILES.filter((name) => {
    const file = form.get(name);
    return file === null || typeof file === 'string' || file.size === 0;
  });
  if (missing.length)
    throw invalid(...missing.map((name) => ({ path: `/${name}`, message: 'a file is required' })));
  const errors = c.get('kit').contract.checkRequest(c.get('operation') ?? '', body);
  if (errors) throw invalid(...issuesOf({ reason: 'schema', errors }));
  return body;
}
