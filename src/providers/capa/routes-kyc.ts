// The KYC calls that carry the userId in the body: the direct link (generateDirectLink) and the KYC a
// partner ran itself and sends (uploadFiles). Capa publishes no error table for either, so both
// answer with the rows of the per-user link page, whose checks they share.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  personalInfoFrom,
  readUpload,
  redirectUriFrom,
  requireKind,
  templateCountryFrom,
  userFor,
  userIdFrom,
  validateBody,
} from './input.js';
import { canGenerateLink, optionsOf } from './lifecycle.js';
import { awaitsDecision, openLink, submitUpload } from './transitions.js';
import { envelope } from './views.js';

/** POST /kyc/verification-link: the per-user KYC link with the userId and personalInfo in the body. */
function postDirectLink(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = validateBody(c);
  const userId = userIdFrom(body.userId, '/userId');
  const personalInfo = personalInfoFrom(body.personalInfo, String(body.country));
  const redirectUri = redirectUriFrom(body.partnerRedirectUri);
  const user = userFor(kit, userId);
  requireKind(user, 'kyc');
  const country = templateCountryFrom(kit, 'kyc', body.country);
  const link = openLink(kit, user, 'kyc', country, { redirectUri, personalInfo });
  const status = optionsOf(kit).linkStatus === '200' ? 200 : 201;
  // This page documents {status: "ok", data: {kycLink}}, unlike the per-user link's {success, data}.
  return reply(c, envelope(kit, 'status', { kycLink: kit.hostedUrl(link.id) }), status);
}

/**
 * POST /kyc/send-verification: the partner already verified the person and sends that KYC. It is
 * submitted at once (CREATED_KYC) and Capa's decision follows by webhook: in the sandbox, an
 * operator's transition, or at once with the uploadOutcome option. 201 with no body, as documented.
 */
async function postSendVerification(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = await readUpload(c);
  const userId = userIdFrom(body.userId, '/userId');
  const personalInfo = personalInfoFrom(body.personalInfo, String(body.country));
  const user = userFor(kit, userId);
  requireKind(user, 'kyc');
  const country = templateCountryFrom(kit, 'kyc', body.country);
  const { status } = user.kyc;
  if (!canGenerateLink(status, awaitsDecision(kit, user, 'kyc')))
    throw fail('KYC_ALREADY_SUBMITTED', { vars: { userId, status } });
  submitUpload(
    kit,
    user,
    country,
    { personalInfo, documentType: String(body.documentType) },
    optionsOf(kit).uploadOutcome,
  );
  return c.body(null, 201);
}

export function capaKycRoutes() {
  return new Hono<ProviderEnv>()
    .post('/api/partner/v2/kyc/verification-link', postDirectLink)
    .post('/api/partner/v2/kyc/send-verification', postSendVerification);
}
