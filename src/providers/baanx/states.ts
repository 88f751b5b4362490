// Baanx's Pact provider states: registrations at each step, seeded through Baanx's own endpoints
// (states-seed.ts), and Veriff's decision through the admin API.
import type { ProviderState } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';
import {
  CLIENT_PARAMS,
  PHONE,
  freshEmail,
  PERSON_PARAMS,
  keyOf,
  openSession,
  post,
  register,
  start,
  str,
  verifyPhone,
} from './states-seed.js';

export const baanxStates: readonly ProviderState[] = [
  {
    name: 'a Baanx client',
    aliases: ['a client exists', 'a valid API key', 'the API key is valid'],
    params: CLIENT_PARAMS,
    // Nothing to seed: fixture client keys exist, and each interaction starts empty.
    setup: async () => ({}),
  },
  {
    name: 'the Baanx client key is invalid',
    aliases: ['the API key is invalid', 'the API key is wrong', 'the client key is revoked'],
    // Every request of the interaction answers 498 Invalid Token, whatever key it sends.
    scenario: 'INVALID_CLIENT_KEY',
    setup: async () => ({}),
  },
  {
    name: 'the Baanx access token is invalid',
    aliases: ['unauthorized', 'the token is invalid', 'the access token has expired'],
    // Every request of the interaction answers 401 Not authenticated (a Bearer call's refusal).
    scenario: 'NOT_AUTHENTICATED',
    setup: async () => ({}),
  },
  {
    name: 'Baanx fails the next request',
    aliases: ['the next request fails', 'the server is down', 'the service is unavailable'],
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
    aliases: ['an onboarding exists', 'a registration has started', 'the email is verified'],
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
    aliases: ['the phone is verified', 'the phone number is verified'],
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
    name: 'a Baanx onboarding has a verification session',
    aliases: ['a verification link exists', 'a link exists', 'a verification session exists'],
    params: PERSON_PARAMS,
    provides: {
      onboardingId: 'the onboarding',
      sessionId: 'the Veriff session (the end of its sessionUrl), not yet submitted',
      userId: 'the account',
    },
    setup: async (ctx, p) => {
      const r = await verifyPhone(ctx, p, await start(ctx, p));
      const { sessionId } = await openSession(ctx, p, r.onboardingId);
      return { onboardingId: r.onboardingId, sessionId, userId: r.userId };
    },
  },
  {
    name: 'a Baanx onboarding has expired',
    aliases: [
      'the onboarding expired',
      'the registration has expired',
      'the onboarding ID has expired',
    ],
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
    aliases: ['a user exists', 'a user was created', 'the registration is complete'],
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
    setup: async (ctx, p) => register(ctx, p, str(p.verificationState, 'UNVERIFIED')),
  },
  {
    name: 'a Baanx verification was decided',
    aliases: ['a verification is approved', 'the user is verified', 'the KYC was approved'],
    params: {
      ...PERSON_PARAMS,
      decision:
        "VERIFIED (default) or REJECTED: Veriff's decision, made before registration completed",
    },
    provides: {
      onboardingId:
        'the completed onboarding (GET /v1/auth/register answers its verificationState)',
      accessToken: 'a Bearer token for GET /v1/user',
      userId: 'the user',
      email: 'the email used',
    },
    setup: async (ctx, p) => register(ctx, p, str(p.decision, 'VERIFIED')),
  },

  {
    name: 'a Baanx email code has been sent',
    aliases: ['an email code was sent', 'a verification email was sent'],
    params: { ...PERSON_PARAMS, expired: 'true: the code is past codeTtl' },
    provides: { contactVerificationId: 'the contact verification', email: 'the email used' },
    setup: async (ctx, p) => {
      const email = str(p.email, freshEmail());
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
    aliases: ['an SMS code was sent', 'a phone code was sent'],
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
