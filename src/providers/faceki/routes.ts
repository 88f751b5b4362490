// Faceki's sdk.faceki.com surface as a Hono sub-app: tokens (both generations), KYC links, records
// (Blaze 3.0 and the V2 lookups), link validation and workflow rules.
import { Hono, type Context } from 'hono';
import { hexFrom, requestJsonObject, type Kit, type ProviderEnv } from '../../engine/index.js';
import { clientFor, issueToken } from './auth.js';
import { variantOf, walletOf, workflowById, type Workflow } from './clients.js';
import { fail } from './errors.js';
import { linkIdFrom, linkRequestFrom, requiredQuery } from './input.js';
import { effectiveState, linkStatus, type FacekiLink } from './lifecycle.js';
import { buildRecord } from './records.js';
import { LINKS } from './verification.js';

const MAGIC_INTERNAL_ERROR = 'faceki-internal-error';
const APP_VERSION = 'v3.0.0';

/** Records exist once the person has submitted; lookups never see another tenant's links. */
function records(kit: Kit, match: (l: FacekiLink) => boolean) {
  return kit.ns
    .list<FacekiLink>(LINKS)
    .filter((l) => l.requestId !== null && match(l))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((l) => buildRecord(kit, l));
}

function v2Lookup(
  c: Context<ProviderEnv>,
  param: string[],
  match: (l: FacekiLink, value: string) => boolean,
) {
  clientFor(c);
  const value = requiredQuery(c, ...param);
  return c.json({ responseCode: 0, data: records(c.get('kit'), (l) => match(l, value)) });
}

/** V2's rules object for one workflow: fixture data plus the per-tenant company and outcome pages. */
const rulesOf = (kit: Kit, w: Workflow) => ({
  ...w,
  companyId: hexFrom(12, kit.seed, 'faceki-company', kit.tenant),
  __v: 0,
  link: '',
  status: 'ACTIVE',
  success: { redirect_url: 'https://www.faceki.com', message: 'Success!' },
  declined: { redirect_url: 'https://www.faceki.com', message: 'Declined!' },
  invalid: { redirect_url: 'https://www.faceki.com', message: 'Invalid!' },
});

export function facekiRoutes() {
  return new Hono<ProviderEnv>()
    .post('/auth/api/generate-token', (c) => {
      // Blaze 3.0's hint box says body, its table says headers: the body wins, headers are a fallback.
      const body = requestJsonObject(c);
      const v = body.ok ? body.value : {};
      return c.json(
        issueToken(
          c.get('kit'),
          v.clientId ?? c.req.header('clientId'),
          v.clientSecret ?? c.req.header('clientSecret'),
        ),
      );
    })
    .get('/auth/api/access-token', (c) =>
      c.json(issueToken(c.get('kit'), c.req.query('clientId'), c.req.query('clientSecret'))),
    )
    .post('/kycverify/api/kycverify/kyc-verify-link', (c) => {
      const kit = c.get('kit');
      const client = clientFor(c);
      const req = linkRequestFrom(c, variantOf(kit, client));
      // Blaze 3.0 names its workflow; V2 links use the client's rules (the portal's default workflow).
      const workflowId = req.workflowId ?? client.defaultWorkflowId;
      if (!workflowId || !workflowById(workflowId)) throw fail('WORKFLOW_RULES_MISSING');
      if (
        req.applicationId !== null &&
        kit.options.applicationIdReuse === 'reject' &&
        kit.ns.find<FacekiLink>(LINKS, (l) => l.applicationId === req.applicationId)
      ) {
        throw fail('INVALID_MISSING_REQUEST_FIELDS', {
          details: {
            issues: [{ path: '/applicationId', message: 'is already used by another link' }],
          },
        });
      }
      if (req.applicationId === MAGIC_INTERNAL_ERROR) throw fail('INTERNAL_SYSTEM_ERROR');
      const wallet = walletOf(kit, client);
      if (wallet.credit < 1) throw fail('NOT_ENOUGH_WALLET_CREDIT');
      const now = kit.now();
      if (
        kit.ns.list<FacekiLink>(LINKS).filter((l) => linkStatus(l, now) === 'live').length >=
        client.linkCap
      )
        throw fail('LINK_LIMIT_REACH');

      const minutes = req.expiryMinutes || Number(kit.options.defaultExpiryMinutes);
      const link: FacekiLink = {
        id: kit.ids.uuid('link'),
        clientId: client.clientId,
        variant: variantOf(kit, client),
        workflowId,
        applicationId: req.applicationId,
        redirectUrl: req.redirectUrl,
        documentOptional: req.documentOptional,
        expiryMinutes: minutes,
        createdAt: kit.iso(now),
        expiresAt: kit.iso(now + minutes * 60_000),
        state: 'CREATED',
        requestId: null,
        reason: null,
        openedAt: null,
        submittedAt: null,
        decidedAt: null,
      };
      kit.ns.put(LINKS, link.id, link);
      wallet.credit -= 1;
      wallet.spent += 1;
      return c.json({ responseCode: 0, data: link.id, url: kit.hostedUrl(link.id) });
    })
    .get('/kycverify/api/kycverify/records', (c) => {
      const kit = c.get('kit');
      clientFor(c);
      const q = {
        requestId: c.req.query('requestId'),
        face_id: c.req.query('face_id'),
        link: c.req.query('link'),
        record_identifier: c.req.query('record_identifier'),
      };
      if (Object.values(q).every((v) => !v)) {
        throw fail('BAD_REQUEST', {
          details: {
            issues: [
              {
                path: 'requestId',
                message: 'one of requestId, face_id, link, record_identifier is required',
              },
            ],
          },
        });
      }
      const linkId = q.link ? linkIdFrom(q.link) : undefined;
      const result = records(
        kit,
        (l) =>
          // Face ids are not emulated: a face_id filter matches no record.
          !q.face_id &&
          (!q.requestId || l.requestId === q.requestId) &&
          (!linkId || l.id === linkId) &&
          (!q.record_identifier || l.applicationId === q.record_identifier),
      );
      return c.json({ status: true, code: 200, message: 'OK', appVersion: APP_VERSION, result });
    })
    .get('/kycverify/api/kycverify/link', (c) =>
      v2Lookup(c, ['link'], (l, v) => l.id === linkIdFrom(v)),
    )
    .get('/kycverify/api/kycverify/reference', (c) =>
      v2Lookup(c, ['referenceId', 'reference'], (l, v) => l.applicationId === v),
    )
    .get('/kycverify/api/kycverify/request', (c) =>
      v2Lookup(c, ['requestId'], (l, v) => l.requestId === v),
    )
    .get('/kycverify/api/kycverify/validate-kyc-verify-link', (c) => {
      const kit = c.get('kit');
      clientFor(c);
      const id = linkIdFrom(requiredQuery(c, 'url'));
      const link = kit.ns.get<FacekiLink>(LINKS, id);
      if (!link) throw fail('LINK_NOT_FOUND', { vars: { link: id.slice(0, 64) } });
      const now = kit.now();
      const status = linkStatus(link, now);
      return c.json({
        responseCode: 0,
        data: {
          link: link.id,
          url: kit.hostedUrl(link.id),
          valid: status === 'live',
          status,
          state: effectiveState(link, now),
          expiryTime: link.expiryMinutes,
          expiresAt: link.expiresAt,
          redirect_url: link.redirectUrl,
          workflowId: link.workflowId,
        },
      });
    })
    .get('/kycrules/api/kycrules', (c) => {
      const kit = c.get('kit');
      const client = clientFor(c);
      const id = c.req.query('workflowId')?.trim() || client.defaultWorkflowId;
      const workflow = id ? workflowById(id) : undefined;
      if (!workflow) throw fail('WORKFLOW_RULES_MISSING');
      return c.json({ responseCode: 0, data: rulesOf(kit, workflow) });
    });
}
