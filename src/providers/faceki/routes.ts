// Faceki's sdk.faceki.com surface as a Hono sub-app; the Bearer check runs before it (auth.ts).
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { variantOf, workflowById } from './accounts.js';
import { clientOf, issueToken } from './auth.js';
import { fail } from './errors.js';
import {
  linkIdFrom,
  linkRequestFrom,
  recordsFilter,
  requiredQuery,
  tokenCredentials,
} from './input.js';
import { ownedLink } from './records.js';
import { verifyRoutes } from './routes-verify.js';
import { createLink } from './transitions.js';
import { recordsOf, type RecordSource } from './views-records.js';
import { linkCreated, linkValidation, ok, recordsPage, rulesOf, summaryOf } from './views.js';

type Match = (r: RecordSource, value: string) => boolean;

/** A V2 lookup: one required query parameter (the first of `names` given) and the records it matches. */
const v2Lookup = (names: string[], match: Match) => (c: Context<ProviderEnv>) => {
  const value = requiredQuery(c, ...names);
  return reply(c, ok(recordsOf(c.get('kit'), (l) => match(l, value))));
};

/** Both token endpoints: the credentials are checked in Faceki's order, then a token is signed. */
function token(c: Context<ProviderEnv>) {
  const [clientId, clientSecret] = tokenCredentials(c);
  return reply(c, issueToken(c.get('kit'), clientId, clientSecret));
}

function kycVerifyLink(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const client = clientOf(c);
  const link = createLink(kit, client, linkRequestFrom(c, variantOf(kit, client)));
  return reply(c, linkCreated(kit, link));
}

function validateLink(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const id = linkIdFrom(requiredQuery(c, 'url'));
  // Another client's link is answered as an unknown one.
  const unknown = () => fail('LINK_NOT_FOUND', { vars: { link: id.slice(0, 64) } });
  return reply(c, linkValidation(kit, ownedLink(kit, id, { unknown })));
}

function kycRules(c: Context<ProviderEnv>) {
  const client = clientOf(c);
  const id = c.req.query('workflowId')?.trim() || client.defaultWorkflowId;
  const workflow = id ? workflowById(id) : undefined;
  if (!workflow) throw fail('WORKFLOW_RULES_MISSING');
  return reply(c, rulesOf(c.get('kit'), workflow));
}

export function facekiRoutes() {
  const app = new Hono<ProviderEnv>()
    .post('/auth/api/generate-token', token)
    .get('/auth/api/access-token', token)
    .post('/kycverify/api/kycverify/kyc-verify-link', kycVerifyLink)
    .get('/kycverify/api/kycverify/records', (c) =>
      reply(c, recordsPage(recordsOf(c.get('kit'), recordsFilter(c)))),
    )
    // linkId is what Faceki's official Python client and community clients send; link stays an alias.
    .get(
      '/kycverify/api/kycverify/link',
      v2Lookup(['linkId', 'link'], (r, v) => r.link === linkIdFrom(v)),
    )
    .get(
      '/kycverify/api/kycverify/reference',
      v2Lookup(['referenceId', 'reference'], (r, v) => r.recordIdentifier === v),
    )
    .get(
      '/kycverify/api/kycverify/request',
      v2Lookup(['requestId'], (r, v) => r.requestId === v),
    )
    .get('/kycverify/api/kycverify/kyc-verify-summary', (c) =>
      reply(c, summaryOf(c.get('kit'), clientOf(c))),
    )
    .get('/kycverify/api/kycverify/validate-kyc-verify-link', validateLink)
    .get('/kycrules/api/kycrules', kycRules);
  return app.route('/', verifyRoutes());
}
