// Baanx (docs.baanx.com): the registration flow with its Veriff KYC session, onboarding status
// polling, and the authenticated user's profile and re-verification. US region via x-us-env.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { baanxAdmin } from './admin.js';
import { baanxCredentials, tenantOf } from './clients.js';
import { baanxErrors, renderBaanxError } from './errors.js';
import { baanxRoutes } from './routes.js';
import { baanxSessions } from './sessions.js';
import { baanxStates } from './states.js';

export const baanx = defineProvider({
  name: 'baanx',
  title: 'Baanx',
  clientBase: '',
  docs: 'https://docs.baanx.com',
  errors: baanxErrors,
  renderError: renderBaanxError,
  transport: {
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: 'INTERNAL_SERVER_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  },
  tenantOf,
  credentials: baanxCredentials,
  options: {
    codeTtl: {
      default: '15m',
      type: 'duration',
      description: 'how long an email or SMS code stays valid (docs: "typically 10-15 minutes")',
    },
    onboardingTtl: {
      default: '60m',
      type: 'duration',
      description:
        'how long an incomplete onboarding accepts steps, from email/verify (docs: "typically 30-60 minutes")',
    },
    registrationLinkTtl: {
      default: '7d',
      type: 'duration',
      description:
        'lifetime of the registration Veriff URL, reusable until submitted (docs: 7 days)',
    },
    verificationLinkTtl: {
      default: '24h',
      type: 'duration',
      description: 'lifetime of a post-registration URL, single use (docs: 24 hours)',
    },
    accessTokenTtl: {
      default: '6h',
      type: 'duration',
      description: 'access token lifetime (docs: 6 hours); POST /v1/auth/login issues a fresh one',
    },
    autoDecision: {
      default: 'off',
      choices: ['off', 'automated', 'manual'],
      description:
        'decide submitted verifications by themselves: automated 5-15 min or manual review 15-60 min after submission (docs), VERIFIED unless a magic value says otherwise; off waits for the hosted page or the admin API',
    },
  },
  magic: readFixture<MagicValue[]>('baanx', 'magic.json'),
  sessions: baanxSessions,
  routes: baanxRoutes,
  states: baanxStates,
  admin: baanxAdmin,
});
