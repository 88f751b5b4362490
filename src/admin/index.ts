// The reserved control plane: everything sandbox-only lives under /_sandbox.
import { Hono } from 'hono';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { clockRoutes } from './clock.js';
import { faultRoutes } from './faults.js';
import { healthRoutes } from './health.js';
import { journalRoutes } from './journal.js';
import { pactRoutes } from './pact.js';
import { sessionRoutes } from './sessions.js';
import { stateRoutes } from './state.js';
import { webhookRoutes } from './webhooks.js';

const GROUPS = [
  healthRoutes,
  stateRoutes,
  clockRoutes,
  faultRoutes,
  journalRoutes,
  webhookRoutes,
  sessionRoutes,
  pactRoutes,
];

export function mountAdmin(app: Hono, sb: Sandbox) {
  const admin = new Hono();
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
