// Capa's partner API v2 as a Hono sub-app: users, verification links, details, and (from
// routes-webhooks.ts) webhook settings and notifications. The partner was checked by the auth stage.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  EMAIL,
  redirectUriFrom,
  templateCountryFrom,
  userFor,
  userIdFrom,
  validateBody,
} from './input.js';
import {
  canGenerateLink,
  kindFor,
  linkState,
  linkTtl,
  optionsOf,
  type UserType,
  type VerificationKind,
} from './lifecycle.js';
import { currentLink, userByEmail, userByExternalId, type CapaUser } from './records.js';
import { capaWebhookRoutes } from './routes-webhooks.js';
import { createUser, startLink } from './transitions.js';
import { envelope, kybDetails, kycDetails } from './views.js';

const MAGIC_EMAIL_DOMAIN = '@error.capa.test';

/** INDIVIDUAL users verify with KYC, BUSINESS users with KYB. */
function requireKind(user: CapaUser, kind: VerificationKind) {
  if (kindFor(user.type) !== kind)
    throw fail('INVALID_VERIFICATION_TYPE_FOR_USER', {
      vars: { userType: user.type, allowed: kindFor(user.type).toUpperCase() },
    });
}

function postUser(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = validateBody(c);
  const email = String(body.email).trim();
  if (!EMAIL.test(email)) throw fail('INVALID_EMAIL');
  if (email.toLowerCase().endsWith(MAGIC_EMAIL_DOMAIN)) throw fail('USER_CREATION_FAILED');
  const externalUserId = (body.externalUserId as string | undefined) ?? null;
  // Both unique per partner.
  if (externalUserId !== null && userByExternalId(kit, externalUserId))
    throw fail('USER_CONFLICT', { vars: { externalUserId } });
  if (userByEmail(kit, email)) throw fail('EMAIL_CONFLICT', { vars: { email } });
  const user = createUser(kit, {
    type: body.type as UserType,
    email,
    externalUserId,
    alias: (body.alias as string | undefined) ?? null,
  });
  return reply(c, envelope(kit, 'success', { userId: user.userId }), 201);
}

function postLink(c: Context<ProviderEnv>, kind: VerificationKind) {
  const kit = c.get('kit');
  const userId = userIdFrom(c.req.param('userId'));
  const body = validateBody(c);
  const user = userFor(kit, userId);
  requireKind(user, kind);
  const country = templateCountryFrom(kind, body.country);
  const redirectUri = redirectUriFrom(body.partnerRedirectUri);
  if (user.alias === 'link-error') throw fail('INTERNAL_SERVER_ERROR');
  const { status } = user[kind];
  if (!canGenerateLink(status))
    throw fail('VERIFICATION_ALREADY_COMPLETED', {
      vars: { userId, kind: kind.toUpperCase(), status },
    });
  const link = startLink(kit, user, kind, country, redirectUri);
  const data = { [kind === 'kyc' ? 'kycLink' : 'kybLink']: kit.hostedUrl(link.id) };
  return reply(c, envelope(kit, 'success', data), optionsOf(kit).linkStatus === '200' ? 200 : 201);
}

/** The user a details call names, once its verification of that kind has started. */
function detailsUser(c: Context<ProviderEnv>, kind: VerificationKind) {
  const kit = c.get('kit');
  const user = userFor(kit, userIdFrom(c.req.query('userId')));
  requireKind(user, kind);
  if (user.alias === 'details-error')
    throw fail(kind === 'kyc' ? 'KYC_DETAILS_FAILED' : 'KYB_DETAILS_FAILED');
  if (user[kind].status === 'NOT_STARTED')
    throw fail(kind === 'kyc' ? 'KYC_NOT_FOUND_ERROR' : 'KYB_NOT_FOUND_ERROR');
  return { kit, user };
}

function getKycDetails(c: Context<ProviderEnv>) {
  const { kit, user } = detailsUser(c, 'kyc');
  return reply(c, envelope(kit, 'status', kycDetails(kit, user)));
}

function getKybDetails(c: Context<ProviderEnv>) {
  const { kit, user } = detailsUser(c, 'kyb');
  const link = currentLink(kit, user, 'kyb');
  const live = !!link && linkState(link, user.kyb.linkId, kit.now(), linkTtl(kit)) === 'live';
  return reply(c, envelope(kit, 'status', kybDetails(kit, user, link, live)));
}

export function capaRoutes() {
  return new Hono<ProviderEnv>()
    .post('/api/partner/v2/users', postUser)
    .post('/api/partner/v2/users/:userId/kyc/verification-link', (c) => postLink(c, 'kyc'))
    .post('/api/partner/v2/users/:userId/kyb/verification-link', (c) => postLink(c, 'kyb'))
    .get('/api/partner/v2/kyc/details', getKycDetails)
    .get('/api/partner/v2/kyb/details', getKybDetails)
    .route('/', capaWebhookRoutes());
}
