// Baanx's API (dev.api.baanx.com) as a Hono sub-app: registration steps, onboarding status, user.
import { Hono } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { contactRoutes } from './routes-contact.js';
import { onboardingRoutes } from './routes-onboarding.js';
import { userRoutes } from './routes-user.js';

export const baanxRoutes = () =>
  new Hono<ProviderEnv>()
    .route('/', contactRoutes())
    .route('/', onboardingRoutes())
    .route('/', userRoutes());
