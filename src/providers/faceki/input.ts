// Reading Faceki requests beyond the contract: token credentials, the link body by variant, ids, queries.
import type { Context } from 'hono';
import {
  allowedRedirect,
  bodyValidator,
  requestJsonObject,
  type BodyProblem,
  type ProviderEnv,
  type RedirectScheme,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { optionsOf, type Variant } from './records.js';
import type { RecordSource } from './views-records.js';

/**
 * What a redirect_url may be, at creation and when the hosted page follows it: the link request's
 * documented pattern is any scheme://…, so https, http and app schemes (myapp://) all pass.
 */
export const REDIRECT_SCHEMES = ['https', 'http', 'app'] as const satisfies RedirectScheme[];

export interface LinkRequest {
  /** Minutes; 0 or absent means the defaultExpiryMinutes option. */
  expiryMinutes: number;
  applicationId: string | null;
  redirectUrl: string | null;
  documentOptional: boolean;
  workflowId: string | null;
}

type Issue = { path: string; message: string };
type SchemaError = Extract<BodyProblem, { reason: 'schema' }>['errors'][number];

const invalid = (issues: Issue[]) =>
  fail('INVALID_MISSING_REQUEST_FIELDS', { details: { issues } });

// The contract's request schema checks common fields at the top and splits the variants with
// oneOf [V2, Blaze 3.0]; report the top-level issues and those of the client's own branch only.
const OTHER_BRANCH: Record<Variant, string> = { v2: 'oneOf/1/', blaze3: 'oneOf/0/' };

function issuesOf(errors: SchemaError[], variant: Variant): Issue[] {
  const mine = errors.filter(
    (e) => e.keyword !== 'oneOf' && !e.schemaPath.includes(OTHER_BRANCH[variant]),
  );
  return (mine.length ? mine : errors).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'invalid',
  }));
}

/** Not JSON, not an object: 400 BAD_REQUEST; outside the client's variant: 5002 with the issues. */
const rejectFor = (variant: Variant) => (problem: BodyProblem) =>
  problem.reason === 'schema'
    ? invalid(issuesOf(problem.errors, variant))
    : fail('BAD_REQUEST', {
        details: { issues: [{ path: '/', message: `body: ${problem.reason}` }] },
      });

/** One validator per variant, as the issues reported are those of the client's own branch. */
const validateBody: Record<Variant, (c: Context<ProviderEnv>) => Record<string, unknown>> = {
  v2: bodyValidator(rejectFor('v2')),
  blaze3: bodyValidator(rejectFor('blaze3')),
};

/**
 * workflowId is what tells the generations apart: Blaze 3.0 requires it, V2 does not know it. It is
 * checked before the schema, so a client sending the other generation's body hears that first.
 */
function requireVariant(v: Record<string, unknown>, variant: Variant) {
  const given = v.workflowId !== undefined && v.workflowId !== null;
  if (variant === 'blaze3' && !given)
    throw invalid([{ path: '/workflowId', message: 'is required (Blaze 3.0 link request)' }]);
  if (variant === 'v2' && given)
    throw invalid([
      {
        path: '/workflowId',
        message:
          'is not part of the V2 link request; this client uses V2 (expiryTime is a string of minutes)',
      },
    ]);
}

/** A field given as null counts as absent (Faceki's official Python client sends null for every unset one). */
const given = <T>(v: Record<string, unknown>, name: string) =>
  (v[name] === null ? undefined : v[name]) as T | undefined;

/** The link request: a JSON object (400), the client's variant (5002), the contract (5002), the redirect (5002). */
export function linkRequestFrom(c: Context<ProviderEnv>, variant: Variant): LinkRequest {
  // The marker is checked before the schema, and the engine's validator parses and checks in one
  // step without showing its reject the body: so the body is parsed once more here.
  const raw = requestJsonObject(c);
  if (raw.ok) requireVariant(raw.value, variant);
  const v = validateBody[variant](c);
  const expiryTime = given<string | number>(v, 'expiryTime');
  // V2 documents a string; the official Python client sends a number (v2ExpiryTime=string refuses it).
  if (
    variant === 'v2' &&
    typeof expiryTime === 'number' &&
    optionsOf(c.get('kit')).v2ExpiryTime === 'string'
  )
    throw invalid([
      {
        path: '/expiryTime',
        message: 'must be a string of minutes (V2; option v2ExpiryTime=string)',
      },
    ]);
  const redirectUrl = given<string>(v, 'redirect_url') ?? null;
  if (redirectUrl !== null && !allowedRedirect(redirectUrl, REDIRECT_SCHEMES))
    throw invalid([
      {
        path: '/redirect_url',
        message: 'must be an https, http or app:// URL without credentials',
      },
    ]);
  return {
    expiryMinutes: expiryTime === undefined ? 0 : Number(expiryTime),
    applicationId: given<string>(v, 'applicationId') ?? null,
    redirectUrl,
    documentOptional: v.document_optional === true,
    workflowId: given<string>(v, 'workflowId') ?? null,
  };
}

/**
 * The credentials a token request presents. GET access-token: the query. POST generate-token: where
 * the tokenCredentials option says (Blaze 3.0's hint box says the body, its table lists headers; by
 * default the body, then the headers); an unreadable body counts as empty, so it answers "client id
 * is required".
 */
export function tokenCredentials(c: Context<ProviderEnv>): [unknown, unknown] {
  if (c.req.method === 'GET') return [c.req.query('clientId'), c.req.query('clientSecret')];
  const where = optionsOf(c.get('kit')).tokenCredentials;
  const body = requestJsonObject(c);
  const v = body.ok && where !== 'headers' ? body.value : {};
  const header = (name: string) => (where === 'body' ? undefined : c.req.header(name));
  return [v.clientId ?? header('clientId'), v.clientSecret ?? header('clientSecret')];
}

/** A link id given bare, or as a URL ending in it (the sandbox page, apps.faceki.com/kycverify/<id>). */
export function linkIdFrom(value: string): string {
  const bare = value.trim().split(/[?#]/)[0].replace(/\/+$/, '');
  return bare.slice(bare.lastIndexOf('/') + 1);
}

/** A required, non-empty query parameter (the first of `names` present); else 400 BAD_REQUEST. */
export function requiredQuery(c: Context<ProviderEnv>, ...names: string[]): string {
  for (const name of names) {
    const value = c.req.query(name)?.trim();
    if (value) return value;
  }
  throw fail('BAD_REQUEST', { details: { issues: [{ path: names[0], message: 'is required' }] } });
}

/** Blaze 3.0 Fetch Records: at least one of its four filters (400 otherwise), all of them ANDed. */
export function recordsFilter(c: Context<ProviderEnv>): (r: RecordSource) => boolean {
  const q = {
    requestId: c.req.query('requestId'),
    face_id: c.req.query('face_id'),
    link: c.req.query('link'),
    record_identifier: c.req.query('record_identifier'),
  };
  if (Object.values(q).every((v) => !v)) {
    const message = 'one of requestId, face_id, link, record_identifier is required';
    throw fail('BAD_REQUEST', { details: { issues: [{ path: 'requestId', message }] } });
  }
  const linkId = q.link ? linkIdFrom(q.link) : undefined;
  return (r) =>
    (!q.face_id || r.faceId === q.face_id) &&
    (!q.requestId || r.requestId === q.requestId) &&
    (!linkId || r.link === linkId) &&
    (!q.record_identifier || r.recordIdentifier === q.record_identifier);
}
