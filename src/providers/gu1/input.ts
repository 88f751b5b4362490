// Reading gu1 requests: bodies checked against the contract, the 10 KB metadata limit, list queries.
import type { Context } from 'hono';
import {
  bodyValidator,
  isObject,
  readFixture,
  type BodyProblem,
  type Kit,
  type ProviderEnv,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { gu1Lifecycle, type Gu1Status } from './lifecycle.js';
import { integrationsOf } from './records.js';

export const METADATA_LIMIT_BYTES = 10 * 1024;
export const MAX_LIMIT = 100;

type Issue = { path: string; message: string };
const invalid = (issues: Issue[]) => fail('VALIDATION_ERROR', { details: { issues } });

type SchemaErrors = Extract<BodyProblem, { reason: 'schema' }>['errors'];
const issuesOf = (errors: SchemaErrors): Issue[] =>
  errors.map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }));

/** The JSON body, checked against the request schema of the operation the pipeline matched. */
export const validateBody = bodyValidator((problem) =>
  problem.reason === 'schema'
    ? invalid(issuesOf(problem.errors))
    : fail('INVALID_BODY', { details: { reason: problem.reason } }),
);

/**
 * Cancel, approve and reject: a `reason` that is missing, not a string or under 5 characters is
 * the documented 400 "Reason must be at least 5 characters"; anything else wrong is a schema 400.
 */
const reasonProblem = (e: SchemaErrors[number]) =>
  (e.keyword === 'required' && e.params.missingProperty === 'reason') ||
  (e.instancePath === '/reason' && e.keyword !== 'maxLength');
const validateReasonBody = bodyValidator((problem) => {
  if (problem.reason !== 'schema')
    return fail('INVALID_BODY', { details: { reason: problem.reason } });
  if (problem.errors.some(reasonProblem)) return fail('INVALID_REASON');
  return invalid(issuesOf(problem.errors));
});

/** Sync's body is optional (`force` defaults to false): no body at all reads as {}. */
const noBody = (c: Context<ProviderEnv>) => (c.get('requestText') ?? '').trim() === '';

export function syncBody(c: Context<ProviderEnv>): { force: boolean } {
  const body = noBody(c) ? {} : validateBody(c);
  return { force: body.force === true };
}

/** The reason of a cancel, approve or reject (whitespace does not count toward the 5 characters). */
export function reasonOf(c: Context<ProviderEnv>): string {
  if (noBody(c)) throw fail('INVALID_REASON');
  const reason = String(validateReasonBody(c).reason).trim();
  if ([...reason].length < 5) throw fail('INVALID_REASON');
  return reason;
}

/** Docs: "max 10KB". Measured as the UTF-8 length of the metadata's JSON text. */
export function checkMetadata(metadata: unknown) {
  if (metadata === undefined) return;
  const size = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
  if (size > METADATA_LIMIT_BYTES) throw fail('METADATA_TOO_LARGE', { vars: { size } });
}

export interface Integration {
  code: string;
  provider: string;
}

/** Every integration the sandbox knows (fixtures/gu1/integrations.json); each organization enables some. */
export const knownIntegrations = new Map(
  readFixture<Integration[]>('gu1', 'integrations.json').map((i) => [i.code, i]),
);
const ALL_CODES = [...knownIntegrations.keys()];

/** The organization's enabled integration with that code, if any (all are, until the admin API says otherwise). */
export function enabledIntegration(kit: Kit, code: string): Integration | undefined {
  return integrationsOf(kit, ALL_CODES).includes(code) ? knownIntegrations.get(code) : undefined;
}

/** Docs: the code "must match an integration configured for your organization". */
export function integrationFor(kit: Kit, integrationCode: string): Integration {
  const integration = enabledIntegration(kit, integrationCode);
  if (!integration) throw fail('INTEGRATION_NOT_CONFIGURED', { vars: { integrationCode } });
  return integration;
}

/** Optional fields as the contract lets them through: a string or null, strings only, an object or {}. */
export const stringOr = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
export const objectOr = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

export interface ListQuery {
  page: number;
  limit: number;
  status: Gu1Status | null;
  isCurrent: boolean | null;
}

function whole(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  issues: Issue[],
): number {
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    issues.push({ path: name, message: `must be a whole number from ${min} to ${max}` });
    return fallback;
  }
  return n;
}

/** ?page=&limit=&status=&isCurrent= as documented (page from 1, limit at most 100, default 100). */
export function listQuery(c: Context<ProviderEnv>): ListQuery {
  const issues: Issue[] = [];
  const page = whole('page', c.req.query('page'), 1, 1, 1_000_000, issues);
  const limit = whole('limit', c.req.query('limit'), MAX_LIMIT, 1, MAX_LIMIT, issues);
  const rawStatus = c.req.query('status');
  let status: Gu1Status | null = null;
  if (rawStatus !== undefined && rawStatus !== '') {
    if (gu1Lifecycle.isState(rawStatus)) status = rawStatus;
    else
      issues.push({ path: 'status', message: `must be one of ${gu1Lifecycle.states.join(', ')}` });
  }
  const rawCurrent = c.req.query('isCurrent');
  let isCurrent: boolean | null = null;
  if (rawCurrent === 'true' || rawCurrent === 'false') isCurrent = rawCurrent === 'true';
  else if (rawCurrent !== undefined && rawCurrent !== '')
    issues.push({ path: 'isCurrent', message: 'must be true or false' });
  if (issues.length) throw invalid(issues);
  return { page, limit, status, isCurrent };
}
