// A typed reference client for Capa's partner API v2, written as an integrator would: base URL and
// partner key injected, success envelopes unwrapped, errors thrown as CapaError. No sandbox calls.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CapaStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'VERIFIED' | 'REJECTED' | 'REVIEW_NEEDED';
export type CapaEvent = 'CREATED_KYC' | 'VERIFIED_USER' | 'REJECTED_KYC' | 'REVIEW_NEEDED_KYC';

export interface CapaClientOptions {
  /** e.g. https://staging-api.capa.fi, or http://127.0.0.1:4010/capa against the sandbox. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export interface CreateUserInput {
  type: 'INDIVIDUAL' | 'BUSINESS';
  email: string;
  externalUserId?: string;
  alias?: string;
}

export interface LinkInput {
  country: string;
  partnerRedirectUri?: string;
}

export interface KycDetails {
  aipriseSummary: { verificationResult: CapaStatus };
  clientReferenceId: string;
  verificationSessionId: string;
  idInfo: {
    fullName: string;
    birthDate: string;
    nationality: string | null;
    idType: string;
  } | null;
  [field: string]: unknown;
}

export interface KybDetails {
  userId: string;
  status: CapaStatus;
  /** The link to resume the flow, while it is live. */
  sessionUrl: string | null;
  reason: string | null;
  business: { legalName: string; registrationNumber: string; country: string | null } | null;
}

export interface WebhookSettings {
  url: string | null;
  secret: string;
  updatedAt: string;
}

export interface CapaWebhook {
  type: 'KYC';
  event: CapaEvent;
  externalUserId: string | null;
  userId?: string;
}

/** Capa documents no error body; its API answers {statusCode, code, message}. */
export class CapaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CapaError';
  }
}

export function capaClient(opts: CapaClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await doFetch(`${base}/api/partner/v2${path}`, {
      method,
      headers: {
        'partner-api-key': opts.apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as {
      data?: T;
      code?: string;
      message?: string;
    };
    if (!res.ok)
      throw new CapaError(res.status, json.code ?? 'UNKNOWN', json.message ?? res.statusText);
    // Capa's pages show two envelopes, {success, data} and {status: "ok", data}: both carry data.
    return json.data as T;
  }

  const q = encodeURIComponent;
  return {
    createUser: (input: CreateUserInput) => call<{ userId: string }>('POST', '/users', input),
    createKycLink: (userId: string, input: LinkInput) =>
      call<{ kycLink: string }>('POST', `/users/${q(userId)}/kyc/verification-link`, input),
    createKybLink: (userId: string, input: LinkInput) =>
      call<{ kybLink: string }>('POST', `/users/${q(userId)}/kyb/verification-link`, input),
    kycDetails: (userId: string) => call<KycDetails>('GET', `/kyc/details?userId=${q(userId)}`),
    kybDetails: (userId: string) => call<KybDetails>('GET', `/kyb/details?userId=${q(userId)}`),
    webhookSettings: () => call<WebhookSettings>('GET', '/webhook-settings'),
    updateWebhookSettings: (input: { url: string; secret?: string }) =>
      call<WebhookSettings>('PUT', '/webhook-settings', input),
  };
}

export type CapaClient = ReturnType<typeof capaClient>;

/** Checks `capa-signature` (hex HMAC-SHA256 of the raw body) and parses the event; throws when forged. */
export function readCapaWebhook(
  secret: string,
  rawBody: string,
  headers: Record<string, string | undefined>,
): CapaWebhook {
  const given = Buffer.from(headers['capa-signature'] ?? '', 'utf8');
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Error('capa-signature does not match the body');
  return JSON.parse(rawBody) as CapaWebhook;
}
