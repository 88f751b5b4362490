// One "make a link" recipe per provider, through its API as a client would, for the browser tests.
import { api, ok } from './helpers.js';

export interface Link {
  url: string;
  id: string;
  /** How a test reads the vendor's own view of the outcome afterwards. */
  vendorState(): Promise<string>;
}

export const CAPA_KEY = 'capa_test_partner_key_000000000001';
export const KULIPA_KEY = 'kulipa_test_key_tenant_one_0001';
export const FACEKI = {
  clientId: 'faceki_test_client_v2',
  clientSecret: 'faceki_test_secret_v2_000001',
};
export const GU1 = {
  key: 'gk_sandbox_org1_5f0c2a9e00000001',
  org: '5f0c2a9e-0000-4000-8000-000000000001',
};
export const BAANX_KEY = 'baa0c11e-0000-4000-8000-000000000001';

export async function capaLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  const h = { 'partner-api-key': CAPA_KEY };
  await ok(
    api(base, 'PUT', '/capa/api/partner/v2/webhook-settings', {
      headers: h,
      json: { url: opts.hook },
    }),
    'capa webhook settings',
  );
  const user = await ok(
    api<{ data: { userId: string } }>(base, 'POST', '/capa/api/partner/v2/users', {
      headers: h,
      json: { type: 'INDIVIDUAL', email: 'browser@example.com' },
    }),
    'capa user',
  );
  const userId = user.data.userId;
  const link = await ok(
    api<{ data: { kycLink: string } }>(
      base,
      'POST',
      `/capa/api/partner/v2/users/${userId}/kyc/verification-link`,
      { headers: h, json: { country: 'MX', partnerRedirectUri: opts.redirect } },
    ),
    'capa link',
  );
  const url = link.data.kycLink;
  return {
    url,
    id: url.split('/').pop()!,
    vendorState: async () =>
      (
        await ok(
          api<{ data: { aipriseSummary: { verificationResult: string } } }>(
            base,
            'GET',
            `/capa/api/partner/v2/kyc/details?userId=${userId}`,
            { headers: h },
          ),
          'capa details',
        )
      ).data.aipriseSummary.verificationResult,
  };
}

export async function kulipaLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  const h = { 'x-api-key': KULIPA_KEY };
  await ok(
    api(base, 'PUT', '/kulipa/v1/webhooks', { headers: h, json: { url: opts.hook } }),
    'kulipa webhooks',
  );
  const user = await ok(
    api<{ id: string }>(base, 'POST', '/kulipa/v1/users', {
      headers: h,
      json: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        countryOfResidence: 'FR',
      },
    }),
    'kulipa user',
  );
  const kyc = await ok(
    api<{ id: string; url: string }>(base, 'PUT', '/kulipa/v1/kycs', {
      headers: h,
      json: { userId: user.id, type: 'full', redirectUri: opts.redirect },
    }),
    'kulipa kyc',
  );
  return {
    url: kyc.url,
    id: kyc.id,
    vendorState: async () =>
      (
        await ok(
          api<{ status: string }>(base, 'GET', `/kulipa/v1/kycs/${kyc.id}`, { headers: h }),
          'kulipa read',
        )
      ).status,
  };
}

export async function facekiLink(
  base: string,
  opts: { redirect: string; hook: string },
): Promise<Link> {
  await ok(
    api(base, 'PUT', '/_sandbox/providers/faceki/webhook-setup', {
      json: { tenant: FACEKI.clientId, url: opts.hook },
    }),
    'faceki webhook setup',
  );
  const token = (
    await ok(
      api<{ data: { access_token: string } }>(
        base,
        'GET',
        `/faceki/auth/api/access-token?clientId=${FACEKI.clientId}&clientSecret=${FACEKI.clientSecret}`,
      ),
      'faceki token',
    )
  ).data.access_token;
  const h = { authorization: `Bearer ${token}` };
  const link = await ok(
    api<{ data: string; url: string }>(
      base,
      'POST',
      '/faceki/kycverify/api/kycverify/kyc-verify-link',
      {
        headers: h,
        json: { expiryTime: '30', applicationId: 'app-browser-1', redirect_url: opts.redirect },
      },
    ),
    'faceki link',
  );
  return {
    url: link.url,
    id: link.data,
    vendorState: async () =>
      (
        await ok(
          api<{ data: { state: string } }>(
            base,
            'GET',
            `/faceki/kycverify/api/kycverify/validate-kyc-verify-link?url=${link.data}`,
            { headers: h },
          ),
          'faceki validate',
        )
      ).data.state,
  };
}

export async function gu1Link(base: string, opts: { hook: string }): Promise<Link> {
  const h = { authorization: `Bearer ${GU1.key}`, 'x-organization-id': GU1.org };
  const entity = await ok(
    api<{ entity: { id: string } }>(base, 'POST', '/gu1/api/entities', {
      headers: h,
      json: { type: 'person', name: 'Ana Pérez', countryCode: 'AR', taxId: '20-30111222-1' },
    }),
    'gu1 entity',
  );
  const v = await ok(
    api<{ id: string; providerSessionUrl: string }>(base, 'POST', '/gu1/api/kyc/validations', {
      headers: h,
      json: {
        entityId: entity.entity.id,
        integrationCode: 'global_gueno_validation_kyc',
        webhookUrl: opts.hook,
      },
    }),
    'gu1 validation',
  );
  return {
    url: v.providerSessionUrl,
    id: v.id,
    vendorState: async () =>
      (
        await ok(
          api<{ status: string }>(base, 'GET', `/gu1/api/kyc/validations/${v.id}`, { headers: h }),
          'gu1 read',
        )
      ).status,
  };
}

export async function baanxLink(base: string): Promise<Link> {
  const h = { 'x-client-key': BAANX_KEY };
  const email = 'grace@example.com';
  const { contactVerificationId } = await ok(
    api<{ contactVerificationId: string }>(base, 'POST', '/baanx/v1/auth/register/email/send', {
      headers: h,
      json: { email },
    }),
    'baanx email/send',
  );
  const verified = await ok(
    api<{ onboardingId: string }>(base, 'POST', '/baanx/v1/auth/register/email/verify', {
      headers: h,
      json: {
        email,
        password: 'x1x2x3x4y1y2y3y4!!',
        verificationCode: '123456',
        contactVerificationId,
        countryOfResidence: 'GB',
        allowMarketing: false,
        allowSms: false,
      },
    }),
    'baanx email/verify',
  );
  const onboardingId = verified.onboardingId;
  // Baanx's KYC step comes "after phone verification is complete".
  const phone = { phoneCountryCode: '+44', phoneNumber: '7400846282', contactVerificationId };
  await ok(
    api(base, 'POST', '/baanx/v1/auth/register/phone/send', { headers: h, json: phone }),
    'baanx phone/send',
  );
  await ok(
    api(base, 'POST', '/baanx/v1/auth/register/phone/verify', {
      headers: h,
      json: { onboardingId, ...phone, verificationCode: '123456' },
    }),
    'baanx phone/verify',
  );
  const { sessionUrl } = await ok(
    api<{ sessionUrl: string }>(base, 'POST', '/baanx/v1/auth/register/verification', {
      headers: h,
      json: { onboardingId },
    }),
    'baanx verification',
  );
  return {
    url: sessionUrl,
    id: sessionUrl.split('/').pop()!,
    vendorState: async () =>
      (
        await ok(
          api<{ verificationState: string }>(
            base,
            'GET',
            `/baanx/v1/auth/register?onboardingId=${onboardingId}`,
            { headers: h },
          ),
          'baanx register',
        )
      ).verificationState,
  };
}
