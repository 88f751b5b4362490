// Baanx's API (dev.api.baanx.com) as a Hono sub-app: registration steps, onboarding status, user.
import { Hono } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { contactRoutes } from './contact-routes.js';
import { onboardingRoutes } from './onboarding-routes.js';
import { userRoutes } from './user-routes.js';

export function baanxRoutes() {
  return new Hono<ProviderEnv>()
    .route('/', contactRoutes())
    .route('/', onboardingRoutes())
    .route('/', userRoutes());
}
