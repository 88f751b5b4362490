// Request reading beyond the contract: the body (Capa's 400 for anything off), user ids and the
// user they name, email syntax, template countries, and the redirect policy for partnerRedirectUri.
import {
  allowedRedirect,
  bodyValidator,
  readFixture,
  requireOwned,
  type BodyProblem,
  type Kit,
  type RedirectScheme,
} from '../../engine/index.js';
import { fail } from './errors.js';
import type { VerificationKind } from './lifecycle.js';
import { USERS, type CapaUser } from './records.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Where a partner may send the person back: https, or a custom app scheme (myapp://); plain http
 * only for a developer's own machine. The same policy at link creation and on the hosted page.
 */
export const REDIRECT_SCHEMES: readonly RedirectScheme[] = ['https', 'http-localhost', 'app'];

const issuesOf = (problem: BodyProblem) =>
  problem.reason === 'schema'
    ? problem.errors.map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }))
    : [{ path: '', message: `body: ${problem.reason}` }];

/** The JSON body, checked against the operation's contract schema; anything off is Capa's 400. */
export const validateBody = bodyValidator((problem) =>
  fail('INVALID_USER_INPUT_ERROR', { details: { issues: issuesOf(problem) } }),
);

export function userIdFrom(value: string | undefined): string {
  if (!value || !UUID.test(value))
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: { issues: [{ path: 'userId', message: 'must be a UUID' }] },
    });
  return value.toLowerCase();
}

/** This partner's user; another partner's user and an unknown id get Capa's two different answers. */
export const userFor = (kit: Kit, userId: string) =>
  requireOwned<CapaUser>(kit, USERS, userId, {
    unknown: () => fail('NOT_FOUND_ERROR'),
    foreign: () => fail('USER_NOT_ASSOCIATED'),
  });

export function redirectUriFrom(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const uri = allowedRedirect(String(value), REDIRECT_SCHEMES);
  if (uri === null)
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: {
        issues: [
          {
            path: '/partnerRedirectUri',
            message: 'must be https:// or a custom app scheme such as myapp://',
          },
        ],
      },
    });
  return uri;
}

const templates = readFixture<{ kyc: string[]; kyb: string[] }>('capa', 'templates.json');

/** The country of a link request, when Capa has a template for that kind there. */
export function templateCountryFrom(kind: VerificationKind, value: unknown): string {
  const asked = String(value);
  // The fixture's own string is what records keep: one "MX" for every link, not one per request.
  const country = templates[kind].find((t) => t === asked);
  if (country === undefined)
    throw fail(
      kind === 'kyc' ? 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR' : 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
      { vars: { country: asked } },
    );
  return country;
}
