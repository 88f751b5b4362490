// gu1 (docs.gu1.ai): person entities and session-based KYC validations, sandbox test taxIds,
// signed KYC webhooks and the sandbox rate limit.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { gu1Admin } from './admin.js';
import { gu1Credentials, tenantOf } from './auth.js';
import { gu1Errors, renderGu1Error } from './errors.js';
import { gu1Routes } from './routes.js';
import { gu1Sessions } from './sessions.js';
import { gu1States } from './states.js';
import { settle } from './validations.js';

export const gu1 = defineProvider({
  name: 'gu1',
  title: 'gu1',
  clientBase: '',
  docs: 'https://docs.gu1.ai',
  errors: gu1Errors,
  renderError: renderGu1Error,
  transport: {
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'RATE_LIMITED',
    500: 'INTERNAL_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  },
  tenantOf,
  // Automatic sandbox outcomes and expiry webhooks fall due on the clock: applied as soon as it moves.
  settle,
  credentials: gu1Credentials,
  options: {
    validationTtl: {
      default: '7d',
      choices: ['7d', '30d'],
      description:
        'how long a validation link lives (expiresAt): the docs say both "typically 7 days" (get URL, webhook events) and "typically valid for 30 days" (create validation)',
    },
    mockDelay: {
      default: '30s',
      type: 'duration',
      description:
        'how long after creation a sandbox test taxId validation moves to its mapped outcome ("moments later")',
    },
    rateLimit: {
      default: '0',
      type: 'int',
      description:
        "requests per hour per organization; 0 = off. gu1's sandbox documents 100 req/h: set 100 to emulate it",
    },
    currentExcludes: {
      default: 'cancelled-expired-abandoned',
      choices: ['cancelled-expired-abandoned', 'all-terminal'],
      description:
        'which statuses of the current validation make GET …/current answer 404 (the docs example returns an approved current validation; the error list says "all validations are in terminal states")',
    },
  },
  magic: readFixture<MagicValue[]>('gu1', 'magic.json'),
  sessions: gu1Sessions,
  routes: gu1Routes,
  states: gu1States,
  admin: gu1Admin,
});
