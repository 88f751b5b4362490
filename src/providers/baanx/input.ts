// Request checks shared by Baanx's handlers: the JSON body against the contract, the onboardingId
// (whose documented answer is 400 "Invalid onboarding ID"), and the records ids point at.
// Everything is checked before anything is stored, so a refused call changes nothing.
import type { Context } from 'hono';
import { ajvText, requestJsonObject, type Kit, type ProviderEnv } from '../../engine/index.js';
import type { Region } from './clients.js';
import { fail } from './errors.js';
import { coll, normaliseId, type Contact, type Onboarding, type User } from './records.js';

const REASONS = {
  'content-type': 'Content-Type must be application/json',
  malformed: 'the body is not valid JSON',
  'not-an-object': 'the body must be a JSON object',
} as const;

function jsonBody(c: Context<ProviderEnv>): Record<string, unknown> {
  const body = requestJsonObject(c);
  if (!body.ok) throw fail('INVALID_REQUEST', { vars: { issues: REASONS[body.reason] } });
  return body.value;
}

/** A null optional field counts as absent (clients often send `usState: null`), so only present values are checked. */
function checkContract(kit: Kit, operation: string, body: Record<string, unknown>) {
  const present = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
  const errors = kit.contract.checkRequest(operation, present);
  if (errors) throw fail('INVALID_REQUEST', { vars: { issues: ajvText(errors.slice(0, 5)) } });
}

/** The body, checked against the operation's request schema. */
export function bodyFor(c: Context<ProviderEnv>, operation: string): Record<string, unknown> {
  const body = jsonBody(c);
  checkContract(c.get('kit'), operation, body);
  return body;
}

/** A body carrying onboardingId: a missing or malformed id is Baanx's 400 before any other check. */
export function onboardingBodyFor(
  c: Context<ProviderEnv>,
  operation: string,
): { body: Record<string, unknown>; onboardingId: string } {
  const body = jsonBody(c);
  const onboardingId = onboardingIdFrom(body.onboardingId);
  checkContract(c.get('kit'), operation, body);
  return { body, onboardingId };
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
  const onboarding = kit.ns.get<Onboarding>(coll('onboardings', region), id);
  const user = onboarding && kit.ns.get<User>(coll('users', region), onboarding.userId);
  if (!onboarding || !user) throw fail('ONBOARDING_NOT_FOUND');
  if (onboarding.completedAt) {
    if (!opts.allowCompleted) throw fail('ONBOARDING_NOT_FOUND');
  } else if (Date.parse(onboarding.expiresAt) <= kit.now()) throw fail('INVALID_ONBOARDING_ID');
  return { onboarding, user };
}

export function contactFor(kit: Kit, region: Region, id: unknown): Contact {
  const key = normaliseId(id);
  const contact = key ? kit.ns.get<Contact>(coll('contacts', region), key) : undefined;
  if (!contact) throw fail('CONTACT_VERIFICATION_NOT_FOUND');
  return contact;
}

/** Optional strings arrive as absent, null or ""; the sandbox stores null for all three. */
export const optional = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

export const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
