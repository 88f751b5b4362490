// Request reading beyond the contract: unusable bodies, onboardingId first, the records ids name.
import type { Context } from 'hono';
import {
  ajvText,
  allowedRedirect,
  bodyValidator,
  requestJsonObject,
  type Kit,
  type ProviderEnv,
  type RedirectScheme,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { countryOf } from './settings.js';
import {
  getUser,
  normaliseId,
  ownedContact,
  ownedOnboarding,
  type Contact,
  type Onboarding,
  type Region,
  type User,
} from './records.js';

// Everything is checked before anything is stored, so a refused call changes nothing.

const REASONS = {
  'content-type': 'Content-Type must be application/json',
  malformed: 'the body is not valid JSON',
  'not-an-object': 'the body must be a JSON object',
} as const;

/**
 * The JSON body, checked against the request schema of the matched operation; Baanx's 400
 * "Invalid request" names at most five issues. (The contract lets optional fields be null: clients
 * often send `usState: null`, and the sandbox treats that as absent.)
 */
export const validateBody = bodyValidator((problem) =>
  fail('INVALID_REQUEST', {
    vars: {
      issues:
        problem.reason === 'schema' ? ajvText(problem.errors.slice(0, 5)) : REASONS[problem.reason],
    },
  }),
);

/** A body carrying onboardingId: a missing or malformed id is Baanx's 400 before any other check. */
export function validateOnboardingBody(c: Context<ProviderEnv>): {
  body: Record<string, unknown>;
  onboardingId: string;
} {
  const raw = requestJsonObject(c);
  // An unusable body is validateBody's "Invalid request"; a usable one answers for its id first.
  const onboardingId = raw.ok ? onboardingIdFrom(raw.value.onboardingId) : '';
  return { body: validateBody(c), onboardingId };
}

export function onboardingIdFrom(value: unknown): string {
  const id = normaliseId(value);
  if (!id) throw fail('INVALID_ONBOARDING_ID');
  return id;
}

/**
 * This client's onboarding in this region. Unknown (or the other region's, or another client's) and
 * completed → 404; past its TTL while incomplete → 400, as the seeded page documents. GET
 * /v1/auth/register keeps answering for completed onboardings, so clients can poll KYC after it.
 */
export function onboardingFor(
  kit: Kit,
  region: Region,
  id: string,
  opts: { allowCompleted?: boolean } = {},
): { onboarding: Onboarding; user: User } {
  const onboarding = ownedOnboarding(kit, region, id, {
    unknown: () => fail('ONBOARDING_NOT_FOUND'),
  });
  const user = getUser(kit, region, onboarding.userId);
  if (!user) throw fail('ONBOARDING_NOT_FOUND');
  if (onboarding.completedAt) {
    if (!opts.allowCompleted) throw fail('ONBOARDING_NOT_FOUND');
  } else if (Date.parse(onboarding.expiresAt) <= kit.now()) throw fail('INVALID_ONBOARDING_ID');
  return { onboarding, user };
}

export function contactFor(kit: Kit, region: Region, id: unknown): Contact {
  const notFound = () => fail('CONTACT_VERIFICATION_NOT_FOUND');
  const key = normaliseId(id);
  if (!key) throw notFound();
  return ownedContact(kit, region, key, { unknown: notFound });
}

/** Optional strings arrive as absent, null or ""; the sandbox stores null for all three. */
export const optional = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * A country code of GET /v1/auth/settings: unlisted is "Invalid request"; for residence, a country
 * listed with canSignUp: false is refused as the settings announce.
 */
export function checkCountry(field: string, code: string, signUp: boolean) {
  const country = countryOf(code);
  if (!country)
    throw fail('INVALID_REQUEST', {
      vars: { issues: `/${field} must be a country listed by GET /v1/auth/settings` },
    });
  if (signUp && !country.canSignUp)
    throw fail('COUNTRY_NOT_SUPPORTED', { vars: { country: code } });
}

/** Where the Veriff page may send the person back: https, this machine over http, or an app. */
export const REDIRECT_SCHEMES: readonly RedirectScheme[] = ['https', 'http-localhost', 'app'];

export const redirectAllowed = (uri: string) => allowedRedirect(uri, REDIRECT_SCHEMES);
