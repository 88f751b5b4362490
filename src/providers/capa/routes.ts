// Capa's partner API v2 as a Hono sub-app: users, per-user verification links, details and
// agreements; the userId-in-body KYC calls (routes-kyc.ts); webhook settings and notifications
// (routes-webhooks.ts). The partner was checked by the auth stage.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  associatedUserFor,
  detailsUserFor,
  EMAIL,
  redirectUriFrom,
  requireKind,
  templateCountryFrom,
  userFor,
  userIdFrom,
  validateBody,
} from './input.js';
import {
  kindFor,
  linkState,
  linkTtl,
  optionsOf,
  type UserType,
  type VerificationKind,
} from './lifecycle.js';
import { currentLink, userByEmail, userByExternalId } from './records.js';
import { capaKycRoutes } from './routes-kyc.js';
import { capaWebhookRoutes } from './routes-webhooks.js';
import { createUser, openLink } from './transitions.js';
import { kybDetails, kycDetails } from './views-details.js';
import { agreementsView, envelope } from './views.js';

const MAGIC_EMAIL_DOMAIN = '@error.capa.test';

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
  const country = templateCountryFrom(kit, kind, body.country);
  const redirectUri = redirectUriFrom(body.partnerRedirectUri);
  const link = openLink(kit, user, kind, country, { redirectUri });
  const data = { [kind === 'kyc' ? 'kycLink' : 'kybLink']: kit.hostedUrl(link.id) };
  const status = optionsOf(kit).linkStatus === '200' ? 200 : 201;
  // The KYC link page's prose example is unwrapped ({"kycLink": …}): the `prose` envelope.
  return reply(c, envelope(kit, 'success', data, kind === 'kyc' ? 'unwrapped' : undefined), status);
}

/** The user a details call names, once its verification of that kind has started. */
function detailsUser(c: Context<ProviderEnv>, kind: VerificationKind) {
  const kit = c.get('kit');
  const user = detailsUserFor(kit, c.req.query('userId'), kind);
  const missing = () => fail(kind === 'kyc' ? 'KYC_NOT_FOUND_ERROR' : 'KYB_NOT_FOUND_ERROR');
  // A user of the other type never has this verification: the page's own 404 (it lists no 400).
  if (kindFor(user.type) !== kind) throw missing();
  if (user.alias === 'details-error')
    throw fail(kind === 'kyc' ? 'KYC_DETAILS_FAILED' : 'KYB_DETAILS_FAILED');
  if (user[kind].status === 'NOT_STARTED') throw missing();
  return { kit, user };
}

function getKycDetails(c: Context<ProviderEnv>) {
  const { kit, user } = detailsUser(c, 'kyc');
  // The page's prose example is unwrapped ({"aipriseSummary": …}): the `prose` envelope.
  return reply(c, envelope(kit, 'status', kycDetails(kit, user), 'unwrapped'));
}

function getKybDetails(c: Context<ProviderEnv>) {
  const { kit, user } = detailsUser(c, 'kyb');
  const link = currentLink(kit, user, 'kyb');
  const live = !!link && linkState(link, user.kyb.linkId, kit.now(), linkTtl(kit)) === 'live';
  return reply(c, envelope(kit, 'status', kybDetails(kit, user, link, live)));
}

function getAgreements(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const user = associatedUserFor(kit, c.req.param('userId'));
  if (user.alias === 'agreements-error') throw fail('AGREEMENTS_FAILED');
  return reply(c, envelope(kit, 'success', agreementsView(user)));
}

export function capaRoutes() {
  return new Hono<ProviderEnv>()
    .post('/api/partner/v2/users', postUser)
    .post('/api/partner/v2/users/:userId/kyc/verification-link', (c) => postLink(c, 'kyc'))
    .post('/api/partner/v2/users/:userId/kyb/verification-link', (c) => postLink(c, 'kyb'))
    .get('/api/partner/v2/users/:userId/agreements', getAgreements)
    .get('/api/partner/v2/kyc/details', getKycDetails)
    .get('/api/partner/v2/kyb/details', getKybDetails)
    .route('/', capaKycRoutes())
    .route('/', capaWebhookRoutes());
}
