// Kulipa's API as a Hono sub-app: the gate (request id, key, rate limit) and idempotency in front of
// users, KYCs and webhooks.
import { Hono } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { gate } from './gate.js';
import { idempotency } from './idempotency.js';
import { kycRoutes } from './kyc-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';

export function kulipaRoutes() {
  return new Hono<ProviderEnv>()
    .use('*', gate())
    .use('*', idempotency())
    .route('/', userRoutes())
    .route('/', kycRoutes())
    .route('/', webhookRoutes());
}
