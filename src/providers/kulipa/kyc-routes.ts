// /v1/kycs: Initiate KYC (K3, the seeded page; PUT in the onboarding guide, POST also accepted since
// the reference page hides the method), export (K4), and a read-back by id (a sandbox addition).
import { Hono, type Context } from 'hono';
import { parseDuration, type Kit, type ProviderEnv } from '../../engine/index.js';
import { exportOf } from './export.js';
import { fail, invalid } from './errors.js';
import { jsonBody, kycIdFrom, redirectUriFrom, userIdFrom } from './input.js';
import { isIdentity, KYCS, kycView, statusOf, type Kyc, type KycType } from './kycs.js';
import { userFor, type KulipaUser } from './users.js';

const TYPES = ['full', 'shipping', 'rfi', 'import'] as const;
// Older docs: light is "not available for EU + UK users".
const EU_UK = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'GB',
]);
const BLOCKED: readonly string[] = ['frozen', 'disabled', 'deleted'];

function typeFrom(kit: Kit, value: unknown): KycType {
  if (value === undefined || value === null || value === '')
    throw invalid('KYC_TYPE_REQUIRED', ['type']);
  if (value === 'light') {
    if (kit.options.lightKyc === 'allow') return 'light';
    throw invalid('KYC_TYPE_LIGHT_DISABLED', ['type']);
  }
  if (typeof value !== 'string' || !(TYPES as readonly string[]).includes(value))
    throw invalid('KYC_TYPE_INVALID', ['type']);
  if (value === 'import') throw fail('KYC_IMPORT_NOT_AVAILABLE');
  return value as KycType;
}

/** The state rules, checked after the body: who may start which KYC. */
function checkUser(user: KulipaUser, type: KycType) {
  if (BLOCKED.includes(user.status))
    throw fail('INVALID_USER_STATUS', { vars: { status: user.status } });
  if (type === 'light' && EU_UK.has(user.countryOfResidence))
    throw invalid('KYC_LIGHT_NOT_IN_REGION', ['type']);
  if (isIdentity(type) && user.status === 'active') throw fail('USER_ALREADY_VERIFIED');
  if (type === 'rfi' && user.status !== 'active') throw fail('RFI_NEEDS_ACTIVE_USER');
}

function initiate(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  if (c.req.method === 'POST' && kit.options.initiateMethods === 'put')
    throw fail('ROUTE_NOT_FOUND');
  const body = jsonBody(c);
  const userId = userIdFrom(body.userId);
  const type = typeFrom(kit, body.type);
  const redirectUri = redirectUriFrom(body.redirectUri);
  const user = userFor(kit, userId);
  checkUser(user, type);
  const now = kit.now();
  const same = kit.ns.list<Kyc>(KYCS).filter((k) => k.userId === userId && k.type === type);
  if (same.some((k) => statusOf(k, now) === 'submitted'))
    throw fail('KYC_IN_REVIEW', { vars: { type } });
  // PUT semantics: while a webview of this type is still open, the same KYC comes back (200).
  const open = same.find((k) => statusOf(k, now) === 'pending');
  if (open) {
    if (redirectUri !== null && redirectUri !== open.redirectUri)
      Object.assign(open, { redirectUri, updatedAt: kit.iso(now) });
    return c.json(kycView(kit, open), 200);
  }
  const kyc: Kyc = {
    id: `kyc-${kit.ids.uuid('kyc')}`,
    userId,
    type,
    status: 'pending',
    redirectUri,
    declineReason: null,
    createdAt: kit.iso(now),
    updatedAt: kit.iso(now),
    expiresAt: kit.iso(now + parseDuration(kit.options.kycTtl)!),
    submittedAt: null,
    completedAt: null,
  };
  kit.ns.put(KYCS, kyc.id, kyc);
  return c.json(kycView(kit, kyc), 201);
}

export function kycRoutes() {
  return (
    new Hono<ProviderEnv>()
      .put('/v1/kycs', initiate)
      .post('/v1/kycs', initiate)
      // One route for /v1/kycs/export and /v1/kycs/{kycId}: a static path next to a parameter at the same
      // place would push Hono from its RegExpRouter onto the slower TrieRouter for every provider.
      .get('/v1/kycs/:kycId', (c) => {
        const kit = c.get('kit');
        if (c.req.param('kycId') === 'export') {
          const user = userFor(kit, userIdFrom(c.req.query('userId')));
          const verified = kit.ns
            .list<Kyc>(KYCS)
            .filter((k) => k.userId === user.id && isIdentity(k.type) && k.status === 'verified')
            .at(-1);
          if (!verified) throw fail('KYC_NOT_VERIFIED');
          return c.json(exportOf(kit, user, verified));
        }
        const id = kycIdFrom(c.req.param('kycId'));
        const kyc = kit.ns.get<Kyc>(KYCS, id);
        if (kyc) return c.json(kycView(kit, kyc));
        const owner = kit.ownerOf(id);
        throw fail(owner !== undefined && owner !== kit.tenant ? 'FORBIDDEN_KYC' : 'KYC_NOT_FOUND');
      })
  );
}
