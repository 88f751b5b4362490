// `npm run bench:constant`: does a create cost the same whatever the tenant already holds?
// Each create operation of every provider runs for N seconds (default 60, `--seconds 10` for a quick
// look) at 8 connections on ONE tenant of a fresh server (the sandbox's own command, pinned to CPU 0
// where taskset exists). Throughput is sampled per second from the responses themselves; the first
// 10 s and the last 10 s are compared (floor: last ≥ 0.9× first). Every request carries its own data
// where the vendor refuses duplicates, and every answer that is not a 2xx is counted and reported: a
// run full of 4xx measures nothing. Some creates need a step beside them to stay creates (a new
// Kulipa user per KYC, a Faceki link expired so the live-link cap never refuses, a Baanx code per
// account): those run as pairs, and their figure counts both requests.
import autocannon from 'autocannon';
import { SANDBOX, startServer, stop } from './server.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const SECONDS = Number(flag('seconds') ?? process.env.BENCH_SECONDS ?? 60);
const ONLY = flag('only'); // a substring of an operation's name, to run a few
const SERIES = args.includes('--series'); // print each second's count
const CONNECTIONS = 8;
const WINDOW_S = Math.min(10, Math.floor(SECONDS / 3)) || 1;
const FLOOR = 0.9;
/** Warm-up on another tenant of the provider: the JIT's first seconds are not what is measured. */
const WARM_S = Number(flag('warm') ?? 5);
// Kulipa's per-key rate limit (300/min by default) would answer 429 within a second.
const SERVER = [...SANDBOX, '--option', 'kulipa.rateLimit=1000000000'];

type Step = autocannon.Request;
type Ctx = Record<string, string>;
interface Op {
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

const OPS: Op[] = [
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

interface Figures {
  name: string;
  first: number;
  last: number;
  ok: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

/** One operation on a fresh server: 2xx answers per second, and every other answer counted. */
async function measure(op: Op): Promise<Figures> {
  const { child, url } = await startServer(SERVER, true);
  try {
    await autocannon({
      url,
      connections: CONNECTIONS,
      duration: WARM_S,
      requests: await op.setup(url, 1),
    });
    const requests = await op.setup(url, 0);
    const perSecond = new Array<number>(SECONDS + 2).fill(0);
    const statuses: Record<string, number> = {};
    let t0 = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon(
        { url, connections: CONNECTIONS, duration: SECONDS, requests },
        (err, r) => (err ? reject(err) : resolve(r)),
      );
      t0 = performance.now();
      run.on('response', (_client, status) => {
        if (status >= 200 && status < 300) {
          const s = Math.floor((performance.now() - t0) / 1000);
          if (s < perSecond.length) perSecond[s]++;
        } else statuses[status] = (statuses[status] ?? 0) + 1;
      });
    });
    if (SERIES) console.error(`  per second: ${perSecond.slice(0, SECONDS).join(' ')}`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ok = perSecond.reduce((a, b) => a + b, 0);
    return {
      name: op.name,
      first: mean(perSecond.slice(0, WINDOW_S)),
      last: mean(perSecond.slice(SECONDS - WINDOW_S, SECONDS)),
      ok,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      statuses,
    };
  } finally {
    await stop(child);
  }
}

const ops = OPS.filter((o) => !ONLY || o.name.toLowerCase().includes(ONLY.toLowerCase()));
const rows: Figures[] = [];
for (const op of ops) {
  console.error(`${op.name}: ${SECONDS} s at ${CONNECTIONS} connections…`);
  rows.push(await measure(op));
}
console.log(
  `\nkyc-sandbox constant-cost benchmark (${SECONDS} s per operation, ${CONNECTIONS} connections, one tenant, 127.0.0.1; first and last ${WINDOW_S} s, floor last ≥ ${FLOOR}× first)`,
);
let pass = true;
for (const r of rows) {
  const ratio = r.last / r.first;
  const clean = r.non2xx === 0 && r.errors === 0;
  const ok = ratio >= FLOOR && clean;
  pass &&= ok;
  const bad = clean ? '' : ` non-2xx ${r.non2xx} ${JSON.stringify(r.statuses)}, errors ${r.errors}`;
  console.log(
    `  ${ok ? 'PASS' : 'MISS'} ${r.name.padEnd(56)} first ${Math.round(r.first)
      .toString()
      .padStart(
        6,
      )} req/s  last ${Math.round(r.last).toString().padStart(6)} req/s  ratio ${ratio.toFixed(3)}  (${r.ok} 2xx)${bad}`,
  );
}
process.exitCode = pass ? 0 : 1;
