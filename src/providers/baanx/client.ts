// A typed reference client for Baanx's registration and user API, as an integrator writes it.

export type VerificationState = 'UNVERIFIED' | 'PENDING' | 'VERIFIED' | 'REJECTED';

export interface BaanxClientOptions {
  /** e.g. https://dev.api.baanx.com, or http://127.0.0.1:4010/baanx against the sandbox. */
  baseUrl: string;
  /** The client's public key (a UUID). */
  clientKey: string;
  /** Route calls to the US backend (x-us-env: true). */
  us?: boolean;
  fetch?: typeof fetch;
}

export interface BaanxUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  verificationState: VerificationState;
  countryOfResidence: string;
  createdAt: string;
}

export interface Onboarding {
  id: string;
  email: string;
  verificationState: VerificationState;
  countryOfResidence: string;
}

export interface EmailVerifyInput {
  email: string;
  password: string;
  verificationCode: string;
  contactVerificationId: string;
  countryOfResidence: string;
  allowMarketing: boolean;
  allowSms: boolean;
}

/** Baanx answers errors as {"message"}; 498 means the client key itself was refused. */
export type Phase = 'ACCOUNT' | 'PHONE_NUMBER' | 'PERSONAL_INFORMATION' | 'PHYSICAL_ADDRESS';

export interface LoginAnswer {
  accessToken: string;
  userId: string;
  isOtpRequired: boolean;
  phoneNumber: string | null;
  phase: Phase | null;
  verificationState: VerificationState;
  isLinked: boolean;
}

export interface Settings {
  countries: {
    id: string;
    name: string;
    iso3166alpha2: string;
    callingCode: string;
    canSignUp: boolean;
  }[];
  usStates: { id: string; name: string; postalAbbreviation: string; canSignUp: boolean }[];
  links: Record<string, Record<string, string>>;
}

export class BaanxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BaanxError';
  }
}

type Call = <T>(
  method: string,
  path: string,
  init?: { body?: unknown; accessToken?: string },
) => Promise<T>;

/** One call with x-client-key (and x-us-env) injected; a non-2xx throws its message as BaanxError. */
function caller(opts: BaanxClientOptions): Call {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  return async function call<T>(
    method: string,
    path: string,
    init: { body?: unknown; accessToken?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      'x-client-key': opts.clientKey,
      accept: 'application/json',
    };
    if (opts.us) headers['x-us-env'] = 'true';
    if (init.accessToken) headers.authorization = `Bearer ${init.accessToken}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { message?: string };
    if (!res.ok) throw new BaanxError(res.status, json.message ?? res.statusText);
    return json;
  };
}

/** The registration steps after Veriff: personal details, the address, the US mailing address. */
const laterSteps = (call: Call) => ({
  /** Step 4: personal details (ssn only for US residents). */
  personalDetails: (input: Record<string, unknown>) =>
    call<{ onboardingId: string; user: BaanxUser }>('POST', '/v1/auth/register/personal-details', {
      body: input,
    }),
  /** Step 5: the address; an accessToken once registration is complete. */
  address: (input: Record<string, unknown>) =>
    call<{ accessToken?: string; user: BaanxUser }>('POST', '/v1/auth/register/address', {
      body: input,
    }),
  /** Step 6 (US residents whose mailing address differs): the mailing address. */
  mailingAddress: (input: Record<string, unknown>) =>
    call<{ accessToken: string; user: BaanxUser }>('POST', '/v1/auth/register/mailing-address', {
      body: input,
    }),
});

export function baanxClient(opts: BaanxClientOptions) {
  const call = caller(opts);
  const q = encodeURIComponent;
  return {
    sendEmailCode: (email: string) =>
      call<{ contactVerificationId: string }>('POST', '/v1/auth/register/email/send', {
        body: { email },
      }),
    verifyEmail: (input: EmailVerifyInput) =>
      call<{ hasAccount: boolean; onboardingId: string | null; user: BaanxUser | null }>(
        'POST',
        '/v1/auth/register/email/verify',
        { body: input },
      ),
    sendPhoneCode: (input: {
      phoneCountryCode: string;
      phoneNumber: string;
      contactVerificationId: string;
    }) => call<{ success: true }>('POST', '/v1/auth/register/phone/send', { body: input }),
    verifyPhone: (input: {
      onboardingId: string;
      phoneCountryCode: string;
      phoneNumber: string;
      contactVerificationId: string;
      verificationCode: string;
    }) =>
      call<{ onboardingId: string; user: BaanxUser }>('POST', '/v1/auth/register/phone/verify', {
        body: input,
      }),
    /** Step 3: the Veriff session URL for the person (the same one while it lives). */
    verificationSession: (onboardingId: string) =>
      call<{ sessionUrl: string }>('POST', '/v1/auth/register/verification', {
        body: { onboardingId },
      }),
    /** Polled: the onboarding with its verificationState (the docs poll every 5 s). */
    onboarding: (onboardingId: string) =>
      call<Onboarding>('GET', `/v1/auth/register?onboardingId=${q(onboardingId)}`),
    /** phase names where an unfinished registration stopped (null once registered). */
    login: (email: string, password: string, otpCode?: string) =>
      call<LoginAnswer>('POST', '/v1/auth/login', {
        body: { email, password, ...(otpCode ? { otpCode } : {}) },
      }),
    /** Sends the login OTP by SMS to the userId a login answer gave. */
    sendLoginOtp: (userId: string) =>
      call<{ success: true }>('POST', '/v1/auth/login/otp', { body: { userId } }),
    /** Registration settings: the countries and US states a client may offer. */
    settings: () => call<Settings>('GET', '/v1/auth/settings'),
    user: (accessToken: string) => call<BaanxUser>('GET', '/v1/user', { accessToken }),
    ...laterSteps(call),
    /** Any other call, with the same headers and error handling. */
    request: call,
    /** Post-registration (re-)verification: a new single-use session URL on every call. */
    reverification: (accessToken: string) =>
      call<{ sessionUrl: string }>('GET', '/v1/user/verification', { accessToken }),
  };
}

export type BaanxClient = ReturnType<typeof baanxClient>;
