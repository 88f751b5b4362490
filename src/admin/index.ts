// The reserved control plane: everything sandbox-only lives under /_sandbox.
import { Hono } from 'hono';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { clockRoutes } from './clock.js';
import { contractRoutes } from './contracts.js';
import { faultRoutes } from './faults.js';
import { healthRoutes } from './health.js';
import { journalRoutes } from './journal.js';
import { pactRoutes } from './pact.js';
import { sessionRoutes } from './sessions.js';
import { stateRoutes } from './state.js';
import { stateDumpRoutes } from './state-dump.js';
import { webhookRoutes } from './webhooks.js';

const GROUPS = [
  healthRoutes,
  contractRoutes,
  stateRoutes,
  stateDumpRoutes,
  clockRoutes,
  faultRoutes,
  journalRoutes,
  webhookRoutes,
  sessionRoutes,
  pactRoutes,
];

const ADMIN_INDEX = [
  'GET /_sandbox/health',
  'GET /_sandbox/providers',
  'GET /_sandbox/contracts[/<provider>[?format=yaml]]',
  'GET /_sandbox/scenarios',
  'POST /_sandbox/reset',
  'GET /_sandbox/snapshot',
  'GET /_sandbox/tenants',
  'GET /_sandbox/state/export',
  'POST /_sandbox/state/import',
  'GET /_sandbox/clock',
  'POST /_sandbox/clock/advance',
  'POST /_sandbox/clock/set',
  'GET|POST|DELETE /_sandbox/faults',
  'GET /_sandbox/journal',
  'GET /_sandbox/sessions[/<id>]',
  'POST /_sandbox/sessions/<id>/transition',
  'GET /_sandbox/webhooks[/<id>]',
  'POST /_sandbox/webhooks/<id>/replay',
  'GET /_sandbox/pact/states',
  '/_sandbox/providers/<name>/…',
  'GET /_sandbox/ui',
  'GET /_sandbox/ui/reference/<provider>',
];

export function mountAdmin(app: Hono, sb: Sandbox) {
  const admin = new Hono();
  // GET /_sandbox: where to go from here.
  admin.get('/', (c) =>
    c.json({
      dashboard: '/_sandbox/ui',
      providers: '/_sandbox/providers',
      contracts: '/_sandbox/contracts',
      reference: Object.fromEntries(
        sb.providers.map((p) => [p.name, `/_sandbox/ui/reference/${p.name}`]),
      ),
      docs: 'the README lists every admin endpoint',
      endpoints: ADMIN_INDEX,
    }),
  );
  for (const group of GROUPS) admin.route('/', group(sb));
  for (const p of sb.providers) {
    if (p.admin) admin.route(`/providers/${p.name}`, p.admin(sb.tenantsOf(p.name)));
  }
  admin.onError((err, c) => {
    if (err instanceof SandboxError) return c.json(err.toJSON(), err.status as 400);
    sb.log.error({ err }, 'admin handler failed');
    const bug = new SandboxError(500, 'internal', (err as Error).message, 'this is a sandbox bug');
    return c.json(bug.toJSON(), 500);
  });
  app.route('/_sandbox', admin);
}
