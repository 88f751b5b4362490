// Capa's partner API v2 as a Hono sub-app: users, verification links, details, webhooks.
import { Hono, type Context } from 'hono';
import { readFixture, type ProviderEnv } from '../../engine/index.js';
import { partnerFor, partnerForUserCall } from './auth.js';
import { kybDetails, kycDetails } from './details.js';
import { envelope } from './envelope.js';
import { fail } from './errors.js';
import { bodyFor, EMAIL, redirectUriFrom, userFor, userIdFrom } from './input.js';
import {
  canGenerateLink,
  kindFor,
  linkState,
  linkTtl,
  NEVER_STARTED,
  newVerification,
  type CapaLink,
  type CapaUser,
  type VerificationKind,
} from './lifecycle.js';
import { transition, LINKS, USERS } from './verification.js';
import { webhookRoutes } from './webhook-routes.js';

const templates = readFixture<{ kyc: string[]; kyb: string[] }>('capa', 'templates.json');
const MAGIC_EMAIL_DOMAIN = '@error.capa.test';
const BY_EMAIL = '_users_by_email';
const BY_EXTERNAL_ID = '_users_by_external_id';

function createLink(c: Context<ProviderEnv>, kind: VerificationKind) {
  const kit = c.get('kit');
  partnerForUserCall(c);
  const userId = userIdFrom(c.req.param('userId'));
  const body = bodyFor(
    c,
    kind === 'kyc' ? 'createKycVerificationLink' : 'createKybVerificationLink',
  );
  const user = userFor(kit, userId);
  if (kindFor(user.type) !== kind) {
    throw fail('INVALID_VERIFICATION_TYPE_FOR_USER', {
      vars: { userType: user.type, allowed: kindFor(user.type).toUpperCase() },
    });
  }
  const asked = String(body.country);
  // The fixture's own string is what records keep: one "MX" for every link, not one per request.
  const country = templates[kind].find((t) => t === asked);
  if (country === undefined)
    throw fail(
      kind === 'kyc' ? 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR' : 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
      { vars: { country: asked } },
    );
  const redirectUri = redirectUriFrom(body.partnerRedirectUri);
  if (user.alias === 'link-error') throw fail('INTERNAL_SERVER_ERROR');
  const v = user[kind];
  if (!canGenerateLink(v.status))
    throw fail('VERIFICATION_ALREADY_COMPLETED', {
      vars: { userId, kind: kind.toUpperCase(), status: v.status },
    });

  const now = kit.now();
  const link: CapaLink = {
    id: kit.ids.indexed('link'), // one per request: kept in an array slot the id encodes (no hashing)
    userId: user.userId, // the stored string, not one sliced from this request's URL (which it would keep alive)
    kind,
    country,
    redirectUri,
    createdAt: now,
    usedAt: null,
  };
  kit.ns.append(LINKS, link.id, link);
  v.linkId = link.id; // the user's own verification record (never the shared NEVER_STARTED: the kind matches)
  v.country = country;
  if (v.status !== 'IN_PROGRESS') transition(kit, user, kind, 'IN_PROGRESS', null);
  const status = kit.options.linkStatus === '200' ? 200 : 201;
  return c.json(
    envelope(kit, 'success', { [kind === 'kyc' ? 'kycLink' : 'kybLink']: kit.hostedUrl(link.id) }),
    status,
  );
}

function detailsUser(c: Context<ProviderEnv>, kind: VerificationKind) {
  const kit = c.get('kit');
  partnerForUserCall(c);
  const user = userFor(kit, userIdFrom(c.req.query('userId')));
  if (kindFor(user.type) !== kind)
    throw fail('INVALID_VERIFICATION_TYPE_FOR_USER', {
      vars: { userType: user.type, allowed: kindFor(user.type).toUpperCase() },
    });
  if (user.alias === 'details-error')
    throw fail(kind === 'kyc' ? 'KYC_DETAILS_FAILED' : 'KYB_DETAILS_FAILED');
  if (user[kind].status === 'NOT_STARTED')
    throw fail(kind === 'kyc' ? 'KYC_NOT_FOUND_ERROR' : 'KYB_NOT_FOUND_ERROR');
  return { kit, user };
}

export function capaRoutes() {
  return new Hono<ProviderEnv>()
    .post('/api/partner/v2/users', (c) => {
      const kit = c.get('kit');
      partnerFor(c);
      const body = bodyFor(c, 'createUser');
      const email = String(body.email).trim();
      if (!EMAIL.test(email)) throw fail('INVALID_EMAIL');
      if (email.toLowerCase().endsWith(MAGIC_EMAIL_DOMAIN)) throw fail('USER_CREATION_FAILED');
      const externalUserId = (body.externalUserId as string | undefined) ?? null;
      // Unique per partner; looked up through index collections (whose rows are the user records
      // themselves) so creating the 100 000th user costs the same as the first.
      if (externalUserId !== null && kit.ns.get(BY_EXTERNAL_ID, externalUserId))
        throw fail('USER_CONFLICT', { vars: { externalUserId } });
      const lower = email.toLowerCase();
      const emailKey = lower === email ? email : lower; // one string kept when it is already lower case
      if (kit.ns.get(BY_EMAIL, emailKey)) throw fail('EMAIL_CONFLICT', { vars: { email } });
      const user: CapaUser = {
        userId: kit.ids.uuid('user'),
        type: body.type as CapaUser['type'],
        email,
        externalUserId,
        alias: (body.alias as string | undefined) ?? null,
        kyc: body.type === 'BUSINESS' ? NEVER_STARTED : newVerification(),
        kyb: body.type === 'BUSINESS' ? newVerification() : NEVER_STARTED,
      };
      kit.ns.put(USERS, user.userId, user);
      kit.ns.put(BY_EMAIL, emailKey, user);
      if (externalUserId !== null) kit.ns.put(BY_EXTERNAL_ID, externalUserId, user);
      return c.json(envelope(kit, 'success', { userId: user.userId }), 201);
    })
    .post('/api/partner/v2/users/:userId/kyc/verification-link', (c) => createLink(c, 'kyc'))
    .post('/api/partner/v2/users/:userId/kyb/verification-link', (c) => createLink(c, 'kyb'))
    .get('/api/partner/v2/kyc/details', (c) => {
      const { kit, user } = detailsUser(c, 'kyc');
      return c.json(envelope(kit, 'status', kycDetails(kit, user)));
    })
    .get('/api/partner/v2/kyb/details', (c) => {
      const { kit, user } = detailsUser(c, 'kyb');
      const link = user.kyb.linkId ? kit.ns.get<CapaLink>(LINKS, user.kyb.linkId) : undefined;
      return c.json(
        envelope(
          kit,
          'status',
          kybDetails(
            kit,
            user,
            link,
            !!link && linkState(link, user, kit.now(), linkTtl(kit)) === 'live',
          ),
        ),
      );
    })
    .route('/', webhookRoutes());
}
