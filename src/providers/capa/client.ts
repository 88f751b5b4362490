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

/** Personal information for regulatory purposes (required by the pages when country is MX). */
export interface PersonalInfo {
  profession: 'Employee' | 'Public Servant' | 'Entrepreneur or Contractor' | 'Student' | 'Other';
  phoneNumber: string;
  birthCountry: string;
  taxId?: string;
}

export interface DirectLinkInput extends LinkInput {
  userId: string;
  personalInfo?: PersonalInfo;
}

export interface SendVerificationInput {
  userId: string;
  country: string;
  documentType: 'NATIONAL_ID' | 'VOTER_ID' | 'PASSPORT';
  personalInfo?: PersonalInfo;
}

export interface StatusReason {
  code: string;
  message: string;
}

/** One check of the KYC provider: result PASSED (fraud: CLEAN) and status APPROVED when it passed. */
export interface KycCheck {
  result: string;
  status: string;
  statusReasons: StatusReason[];
  warnings: unknown[];
}

export interface KycDetails {
  aipriseSummary: { verificationResult: CapaStatus };
  clientReferenceId: string;
  verificationSessionId: string;
  clientReferenceData: { personalInfo: PersonalInfo } | null;
  faceLivenessInfo: KycCheck | null;
  faceMatchInfo: (KycCheck & { faceMatchScore: number }) | null;
  fraudInsights: KycCheck | null;
  idInfo:
    | (KycCheck & {
        fullName: string;
        birthDate: string;
        gender: string;
        nationality: string | null;
        idNumber: string;
        idType: string;
      })
    | null;
  amlInfo: { numHits: number; entityHits: unknown[] } | null;
  [field: string]: unknown;
}

export interface KybDetails {
  verificationStatus: CapaStatus;
  businessInfo: {
    businessName: string;
    countryOfConstitution: string | null;
    taxId: string;
  } | null;
  beneficialOwners: { fullName: string; ownershipPercent: number }[];
  verificationSessionId: string;
  createdAt: string | null;
  /** The link to resume the flow, while it is live (named in the page's notes). */
  sessionUrl: string | null;
}

export interface Agreement {
  name: 'CONTRACT' | 'TERMS_AND_CONDITIONS';
  language: 'ES' | 'EN';
  url: string;
}

export interface WebhookSettings {
  id: string;
  partnerId: string;
  url: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookNotification {
  id: string;
  event: CapaEvent;
  status: 'PENDING' | 'SENT' | 'FAILED' | 'NOT_SENT';
  retryAttempts: number;
  manualRetryCount: number;
  [field: string]: unknown;
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
    /** The KYC link with the userId in the body (generateDirectLink). */
    createDirectKycLink: (input: DirectLinkInput) =>
      call<{ kycLink: string }>('POST', '/kyc/verification-link', input),
    /** A KYC this partner ran itself (uploadFiles, JSON form): 201 with no body. */
    sendVerification: (input: SendVerificationInput) =>
      call<undefined>('POST', '/kyc/send-verification', input),
    agreements: (userId: string) => call<Agreement[]>('GET', `/users/${q(userId)}/agreements`),
    kycDetails: (userId: string) => call<KycDetails>('GET', `/kyc/details?userId=${q(userId)}`),
    kybDetails: (userId: string) => call<KybDetails>('GET', `/kyb/details?userId=${q(userId)}`),
    /** url: null stops the notifications (Capa's "to reset the value null can be sent"). */
    updateWebhookSettings: (input: { url: string | null }) =>
      call<WebhookSettings>('PUT', '/webhook-settings', input),
    webhookNotification: (id: string) =>
      call<WebhookNotification>('GET', `/webhook-notifications/${q(id)}`),
    /** A manual retry of a notification (at most 3): the notification, sent again. */
    retryWebhookNotification: (id: string) =>
      call<WebhookNotification>('POST', `/webhook-notifications/${q(id)}/retry`),
    /** Any other call under /api/partner/v2, with the same key and error handling. */
    request: call,
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
