// The create operations `npm run bench:constant` loads (bench/constant.ts), one tenant each: how the
// tenant is prepared over HTTP, and the requests each connection repeats, with data of their own
// where the vendor refuses duplicates.
import type autocannon from 'autocannon';

export type Step = autocannon.Request;
type Ctx = Record<string, string>;
export interface Op {
  name: string;
  /** Prepares tenant `t` (through HTTP) and returns the requests each connection repeats. */
  setup(url: string, t: Tenant): Promise<Step[]>;
}
/** 0 is measured; 1, another tenant of the same provider, warms the server's code up first. */
type Tenant = 0 | 1;

let seq = 0;
const next = () => ++seq;
const json = (h: Record<string, string>) => ({ ...h, 'content-type': 'application/json' });

async function post(url: string, headers: Record<string, string>, body: unknown, method = 'POST') {
  const res = await fetch(url, { method, headers: json(headers), body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** A request whose body is made per call (unique data), optionally remembering what it answered. */
function step(
  path: string | ((ctx: Ctx) => string),
  headers: Record<string, string>,
  body: (ctx: Ctx) => unknown,
  keep?: (answer: Ctx, ctx: Ctx) => void,
  method: Step['method'] = 'POST',
): Step {
  return {
    method,
    path: typeof path === 'string' ? path : '/',
    headers: json(headers),
    setupRequest: (req, ctx) => ({
      ...req,
      ...(typeof path === 'string' ? {} : { path: path(ctx as Ctx) }),
      body: JSON.stringify(body(ctx as Ctx)),
    }),
    onResponse: (status, text, ctx) => {
      if (keep && status < 300) keep(JSON.parse(text), ctx as Ctx);
    },
  };
}

// Each provider's default tenant, and a second one for the warm-up.
const CAPA = [1, 2].map((n) => ({ 'partner-api-key': `capa_test_partner_key_00000000000${n}` }));
const KULIPA = [
  { 'x-api-key': 'kulipa_test_key_tenant_one_0001' },
  { 'x-api-key': 'kulipa_test_key_tenant_two_0002' },
];
const GU1 = [1, 2].map((n) => ({
  authorization: `Bearer gk_sandbox_org${n}_5f0c2a9e0000000${n}`,
  'x-organization-id': `5f0c2a9e-0000-4000-8000-00000000000${n}`,
}));
const BAANX = [1, 2].map((n) => ({ 'x-client-key': `baa0c11e-0000-4000-8000-00000000000${n}` }));
const FACEKI = [
  { clientId: 'faceki_test_client_v2', clientSecret: 'faceki_test_secret_v2_000001' },
  { clientId: 'faceki_test_client_other', clientSecret: 'faceki_test_secret_other_000001' },
];

const capaUser = () => ({ type: 'INDIVIDUAL', email: `bench-${next()}@example.com` });
const kulipaUser = () => {
  const n = next();
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `bench-${n}@example.com`,
    phone: { country: '+33', number: String(600000000 + n) },
    countryOfResidence: 'FR',
  };
};
const gu1Entity = () => {
  const n = next();
  return {
    type: 'person',
    name: `Ana Pérez ${n}`,
    countryCode: 'AR',
    taxId: `27-${40000000 + n}-3`,
    externalId: `bench-${n}`,
  };
};
const GU1_VALIDATION = '/gu1/api/kyc/validations';
const baanxVerify = (ctx: Ctx) => ({
  email: ctx.email,
  password: 'x1x2x3x4y1y2y3y4!!',
  verificationCode: '123456',
  contactVerificationId: ctx.contact,
  countryOfResidence: 'GB',
  allowMarketing: false,
  allowSms: false,
});

export const OPS: Op[] = [
  {
    name: 'Capa createUser',
    setup: async (_url, t) => [step('/capa/api/partner/v2/users', CAPA[t], capaUser)],
  },
  {
    name: 'Capa create KYC link (one user)',
    setup: async (url, t) => {
      const user = await post(`${url}/capa/api/partner/v2/users`, CAPA[t], capaUser());
      const path = `/capa/api/partner/v2/users/${user.data.userId}/kyc/verification-link`;
      return [step(path, CAPA[t], () => ({ country: 'MX' }))];
    },
  },
  {
    name: 'Kulipa createUser',
    setup: async (_url, t) => [step('/kulipa/v1/users', KULIPA[t], kulipaUser)],
  },
  {
    name: 'Kulipa KYC create (pairs: user + PUT /v1/kycs)',
    setup: async (_url, t) => [
      step('/kulipa/v1/users', KULIPA[t], kulipaUser, (a, ctx) => (ctx.user = a.id)),
      step(
        '/kulipa/v1/kycs',
        KULIPA[t],
        (ctx) => ({ userId: ctx.user, type: 'full' }),
        undefined,
        'PUT',
      ),
    ],
  },
  {
    name: 'Faceki link create (pairs: link + admin expiry)',
    setup: async (url, t) => {
      await post(
        `${url}/_sandbox/providers/faceki/wallet`,
        {},
        { tenant: FACEKI[t].clientId, credit: 1e9 },
        'PUT',
      );
      const q = new URLSearchParams(FACEKI[t]);
      const token = (await (await fetch(`${url}/faceki/auth/api/access-token?${q}`)).json()).data
        .access_token;
      const link = () => ({
        expiryTime: '30',
        applicationId: `bench-${next()}`,
        redirect_url: 'https://partner.example/done',
        document_optional: false,
      });
      return [
        step(
          '/faceki/kycverify/api/kycverify/kyc-verify-link',
          { authorization: `Bearer ${token}` },
          link,
          (a, ctx) => (ctx.link = a.data),
        ),
        step(
          (ctx) => `/_sandbox/sessions/${ctx.link}/transition`,
          {},
          () => ({ state: 'EXPIRED' }),
        ),
      ];
    },
  },
  {
    name: 'gu1 createEntity',
    setup: async (_url, t) => [step('/gu1/api/entities', GU1[t], gu1Entity)],
  },
  {
    name: 'gu1 createKycValidation (one entity)',
    setup: async (url, t) => {
      const { entity } = await post(`${url}/gu1/api/entities`, GU1[t], gu1Entity());
      const body = () => ({ entityId: entity.id, integrationCode: 'global_gueno_validation_kyc' });
      return [step(GU1_VALIDATION, GU1[t], body)];
    },
  },
  {
    name: 'Baanx email/send',
    setup: async (_url, t) => [
      step('/baanx/v1/auth/register/email/send', BAANX[t], () => ({
        email: `bench-${next()}@example.com`,
      })),
    ],
  },
  {
    name: 'Baanx account create (pairs: email/send + email/verify)',
    setup: async (_url, t) => [
      step(
        '/baanx/v1/auth/register/email/send',
        BAANX[t],
        (ctx) => ({ email: (ctx.email = `bench-${next()}@example.com`) }),
        (a, ctx) => (ctx.contact = a.contactVerificationId),
      ),
      step('/baanx/v1/auth/register/email/verify', BAANX[t], baanxVerify),
    ],
  },
];
