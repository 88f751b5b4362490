// Baanx's Pact provider states: registrations at each step, seeded through Baanx's own endpoints.
import type { ProviderState, StateContext } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';

// Seeding goes through the vendor paths (the sandbox's email/SMS code is fixed) so a state is what a
// real client would have made, and through the admin API for Veriff's decision.

const DEFAULT_KEY = 'baa0c11e-0000-4000-8000-000000000001';
// Baanx emails and texts a code; the sandbox accepts exactly this one (fixtures/baanx/codes.json).
const CODE = '123456';
const PASSWORD = 'pact-Passw0rd-123';
const PHONE = { phoneCountryCode: '+44', phoneNumber: '7400846282' };

type Params = Readonly<Record<string, unknown>>;
const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const keyOf = (p: Params) => str(p.clientKey, DEFAULT_KEY).toLowerCase();
const headers = (p: Params) => ({
  'x-client-key': keyOf(p),
  ...(p.us === true || p.us === 'true' ? { 'x-us-env': 'true' } : {}),
});

let seq = 0;

async function post<T>(ctx: StateContext, p: Params, step: string, json: unknown): Promise<T> {
  return (
    await ctx.request<T>('POST', `/baanx/v1/auth/register/${step}`, { headers: headers(p), json })
  ).body;
}

/** Step 1, email send and verify: the onboarding exists, its TTL running. */
async function start(ctx: StateContext, p: Params) {
  const email = str(p.email, `pact-${++seq}@example.com`);
  const { contactVerificationId } = await post<{ contactVerificationId: string }>(
    ctx,
    p,
    'email/send',
    { email },
  );
  const verified = await post<{ onboardingId: string; user: { id: string } }>(
    ctx,
    p,
    'email/verify',
    {
      email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: str(p.countryOfResidence, 'GB'),
      allowMarketing: false,
      allowSms: true,
    },
  );
  return {
    email,
    contactVerificationId,
    onboardingId: verified.onboardingId,
    userId: verified.user.id,
  };
}

/** Step 2, phone send and verify: the KYC step (the seed) may come next. */
async function verifyPhone(ctx: StateContext, p: Params, r: Awaited<ReturnType<typeof start>>) {
  await post(ctx, p, 'phone/send', { ...PHONE, contactVerificationId: r.contactVerificationId });
  await post(ctx, p, 'phone/verify', {
    onboardingId: r.onboardingId,
    ...PHONE,
    contactVerificationId: r.contactVerificationId,
    verificationCode: CODE,
  });
  return r;
}

const CLIENT_PARAMS = {
  clientKey: `the x-client-key (default ${DEFAULT_KEY})`,
  us: 'true for the US region (x-us-env)',
};
const PERSON_PARAMS = {
  ...CLIENT_PARAMS,
  email: 'default: a fresh one',
  countryOfResidence: 'default GB (non-US: no ssn or usState needed)',
};

export const baanxStates: readonly ProviderState[] = [
  {
    name: 'a Baanx client',
    params: CLIENT_PARAMS,
    // Nothing to seed: fixture client keys exist, and each interaction starts empty.
    setup: async () => ({}),
  },
  {
    name: 'Baanx fails the next request',
    params: {
      ...CLIENT_PARAMS,
      scenario:
        'internal_error (default), bad_gateway, service_unavailable, gateway_timeout, rate_limited, or an error-table row such as SSN_REQUIRED',
    },
    // What Pact cannot provoke by itself (an outage, a body over the limit, a step the reference
    // client does not take), as a one-shot fault rule on the key's next call, in Baanx's envelope.
    setup: async (ctx, p) => {
      const scenario = str(p.scenario, 'internal_error');
      await ctx.request('POST', '/_sandbox/faults', {
        json: { provider: 'baanx', tenant: keyOf(p), scenario, times: 1 },
      });
      return {};
    },
  },
  {
    name: 'a Baanx onboarding has started',
    params: PERSON_PARAMS,
    provides: {
      onboardingId: 'the onboarding',
      contactVerificationId: 'its contact verification',
      userId: 'the account',
      email: 'the email used',
    },
    setup: async (ctx, p) => start(ctx, p),
  },
  {
    name: 'a Baanx onboarding has a verified phone',
    params: PERSON_PARAMS,
    provides: {
      onboardingId: 'the onboarding, ready for the KYC step',
      contactVerificationId: 'its contact verification',
      userId: 'the account',
      email: 'the email used',
    },
    setup: async (ctx, p) => verifyPhone(ctx, p, await start(ctx, p)),
  },
  {
    name: 'a Baanx onboarding has expired',
    params: PERSON_PARAMS,
    provides: { onboardingId: 'the expired onboarding' },
    setup: async (ctx, p) => {
      const { onboardingId } = await start(ctx, p);
      // Past onboardingTtl on the client's clock, registration unfinished: Baanx calls the id invalid.
      const ttl = optionsOf(ctx.kit(keyOf(p))).onboardingTtl;
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'baanx', tenant: keyOf(p), by: ttl + 60_000 },
      });
      return { onboardingId };
    },
  },
  {
    name: 'a Baanx user is registered',
    params: {
      ...PERSON_PARAMS,
      verificationState:
        'UNVERIFIED (default), VERIFIED or REJECTED: Veriff decided before registration completed',
      disabled: 'true: the operator suspended the user (403 "User account is disabled")',
      otpSent: 'true: the login code was sent (an @otp.baanx.test email has login OTP)',
      otpExpired: 'true: the login code was sent and is past otpTtl',
    },
    provides: {
      onboardingId: 'the completed onboarding',
      accessToken: 'a Bearer token for GET /v1/user',
      userId: 'the user',
      email: 'the email used',
    },
    setup: async (ctx, p) => {
      const r = await verifyPhone(ctx, p, await start(ctx, p));
      const decision = str(p.verificationState, 'UNVERIFIED');
      if (decision !== 'UNVERIFIED') {
        const { sessionUrl } = await post<{ sessionUrl: string }>(ctx, p, 'verification', {
          onboardingId: r.onboardingId,
        });
        await ctx.request('POST', `/_sandbox/sessions/${sessionUrl.split('/').pop()}/transition`, {
          json: { state: decision },
        });
      }
      await post(ctx, p, 'personal-details', {
        onboardingId: r.onboardingId,
        firstName: 'Ada',
        lastName: 'Lovelace',
        dateOfBirth: '1990-01-01',
        countryOfNationality: 'GB',
      });
      const done = await post<{ accessToken: string }>(ctx, p, 'address', {
        onboardingId: r.onboardingId,
        addressLine1: '1 Pact Street',
        city: 'London',
        zip: 'N1 9GU',
        isSameMailingAddress: true,
      });
      if (p.disabled === true || p.disabled === 'true') {
        // Suspended by the operator: the documented 403 on Bearer calls and on login.
        await ctx.request('POST', `/_sandbox/providers/baanx/users/${r.userId}/disable`, {
          json: { disabled: true },
        });
      }
      if (
        p.otpSent === true ||
        p.otpSent === 'true' ||
        p.otpExpired === true ||
        p.otpExpired === 'true'
      ) {
        // An OTP user (@otp.baanx.test) asked for the login code; optionally past otpTtl.
        await ctx.request('POST', '/baanx/v1/auth/login/otp', {
          headers: headers(p),
          json: { userId: r.userId },
        });
        if (p.otpExpired === true || p.otpExpired === 'true') {
          const ttl = optionsOf(ctx.kit(keyOf(p))).otpTtl;
          await ctx.request('POST', '/_sandbox/clock/advance', {
            json: { provider: 'baanx', tenant: keyOf(p), by: ttl + 60_000 },
          });
        }
      }
      return {
        onboardingId: r.onboardingId,
        accessToken: done.accessToken,
        userId: r.userId,
        email: r.email,
      };
    },
  },

  {
    name: 'a Baanx email code has been sent',
    params: { ...PERSON_PARAMS, expired: 'true: the code is past codeTtl' },
    provides: { contactVerificationId: 'the contact verification', email: 'the email used' },
    setup: async (ctx, p) => {
      const email = str(p.email, `pact-${++seq}@example.com`);
      const { contactVerificationId } = await post<{ contactVerificationId: string }>(
        ctx,
        p,
        'email/send',
        { email },
      );
      if (p.expired === true || p.expired === 'true') {
        const ttl = optionsOf(ctx.kit(keyOf(p))).codeTtl;
        await ctx.request('POST', '/_sandbox/clock/advance', {
          json: { provider: 'baanx', tenant: keyOf(p), by: ttl + 60_000 },
        });
      }
      return { contactVerificationId, email };
    },
  },
  {
    name: 'a Baanx phone code has been sent',
    params: {
      ...PERSON_PARAMS,
      contact:
        "'own' (default) or 'other': contactVerificationId is another registration's (its phone code sent too)",
    },
    provides: {
      onboardingId: 'the onboarding',
      contactVerificationId: 'its contact verification, with the SMS code sent to +44 7400846282',
    },
    setup: async (ctx, p) => {
      const r = await start(ctx, p);
      await post(ctx, p, 'phone/send', {
        ...PHONE,
        contactVerificationId: r.contactVerificationId,
      });
      if (p.contact !== 'other')
        return { onboardingId: r.onboardingId, contactVerificationId: r.contactVerificationId };
      const other = await start(ctx, { ...p, email: undefined });
      await post(ctx, p, 'phone/send', {
        ...PHONE,
        contactVerificationId: other.contactVerificationId,
      });
      return { onboardingId: r.onboardingId, contactVerificationId: other.contactVerificationId };
    },
  },
];
