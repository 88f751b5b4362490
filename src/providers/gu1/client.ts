// gu1's typed reference client, as an integrator writes it (what the consumer pacts drive).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ValidationStatus =
  | 'pending'
  | 'in_progress'
  | 'in_review'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'abandoned'
  | 'cancelled';

export interface Gu1ClientOptions {
  /** e.g. https://api.gu1.ai, or http://127.0.0.1:4010/gu1 against the sandbox. */
  baseUrl: string;
  apiKey: string;
  /** Sent as X-Organization-ID when given; the KYC pages send the key alone (it selects its organization). */
  organizationId?: string;
  fetch?: typeof fetch;
}

export interface CreatePersonInput {
  type: 'person';
  name: string;
  countryCode: string;
  taxId?: string;
  externalId?: string;
}

export interface Entity {
  id: string;
  externalId: string | null;
  type: 'person';
  name: string;
  taxId: string | null;
  countryCode: string;
  kycVerified: boolean;
  createdAt: string;
}

/** GET /api/kyc/entities/{entityId}/status. */
export interface EntityKycStatus {
  entityId: string;
  hasKyc: boolean;
  isVerified: boolean;
  currentValidation: { id: string; status: ValidationStatus; verifiedAt: string | null } | null;
  lastVerifiedAt: string | null;
  needsReverification: boolean;
  /** The es page's field; absent in the pt page's body. */
  expiresAt?: string | null;
}

export interface CreateValidationInput {
  entityId: string;
  integrationCode: string;
  webhookUrl?: string;
  metadata?: Record<string, unknown>;
}

export interface ValidationCreated {
  id: string;
  entityId: string;
  status: 'pending';
  sessionId: string | null;
  /** The link to send the person. */
  providerSessionUrl: string | null;
  isCurrent: true;
  expiresAt: string;
}

export interface Validation {
  id: string;
  entityId: string;
  status: ValidationStatus;
  providerSessionUrl: string | null;
  decision: { status: string; warnings: string[] } | null;
  extractedData: { firstName?: string; lastName?: string; documentNumber?: string } | null;
  metadata: Record<string, unknown>;
  isCurrent: boolean;
  expiresAt: string | null;
  verifiedAt: string | null;
}

export interface Gu1Webhook {
  event: string;
  timestamp: string;
  organizationId: string;
  payload: Validation & { validationId: string; entity?: Entity };
}

/** gu1's {success:false, error:{code, message, details?}}. */
export class Gu1Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'Gu1Error';
  }
}

/** One JSON call: Bearer key (and X-Organization-ID when configured) injected; errors thrown as Gu1Error. */
function caller(opts: Gu1ClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${opts.apiKey}`,
      ...(opts.organizationId ? { 'x-organization-id': opts.organizationId } : {}),
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & {
      error?: { code?: string; message?: string };
    };
    if (!res.ok) {
      const retry = res.headers.get('retry-after');
      throw new Gu1Error(
        res.status,
        json.error?.code ?? 'UNKNOWN',
        json.error?.message ?? res.statusText,
        retry === null ? null : Number(retry),
      );
    }
    return json;
  };
}

/** gu1's entity and KYC validation endpoints, typed. */
export function gu1Client(opts: Gu1ClientOptions) {
  const call = caller(opts);
  const q = encodeURIComponent;
  const validation = (id: string, action = '') => `/api/kyc/validations/${q(id)}${action}`;
  return {
    createPerson: async (input: CreatePersonInput) =>
      (await call<{ entity: Entity }>('POST', '/api/entities', input)).entity,
    getEntity: (id: string) => call<Entity>('GET', `/api/entities/${q(id)}`),
    findEntityByExternalId: (externalId: string) =>
      call<Entity>('GET', `/api/entities/by-external-id/${q(externalId)}`),
    findEntityByTaxId: (taxId: string) =>
      call<Entity>('GET', `/api/entities/by-tax-id/${q(taxId)}`),
    entityKycStatus: (entityId: string) =>
      call<EntityKycStatus>('GET', `/api/kyc/entities/${q(entityId)}/status`),
    createValidation: (input: CreateValidationInput) =>
      call<ValidationCreated>('POST', '/api/kyc/validations', input),
    getValidation: (id: string) => call<Validation>('GET', validation(id)),
    /** Fresh provider data; `force` even if recently synced. */
    syncValidation: (id: string, force?: boolean) =>
      call<Validation>('POST', validation(id, '/sync'), force === undefined ? {} : { force }),
    /** Reason: at least 5 characters (kept in metadata and the audit log). */
    cancelValidation: (id: string, reason: string) =>
      call<Validation>('DELETE', validation(id, '/cancel'), { reason }),
    approveValidation: (id: string, reason: string) =>
      call<Validation>('POST', validation(id, '/approve'), { reason }),
    rejectValidation: (id: string, reason: string) =>
      call<Validation>('POST', validation(id, '/reject'), { reason }),
    currentValidation: (entityId: string) =>
      call<Validation>('GET', `/api/kyc/entities/${q(entityId)}/current`),
    listValidations: (entityId: string, page = 1, limit = 100) =>
      call<{ validations: Validation[]; total: number; page: number; limit: number }>(
        'GET',
        `/api/kyc/entities/${q(entityId)}/validations?page=${page}&limit=${limit}`,
      ),
  };
}

export type Gu1Client = ReturnType<typeof gu1Client>;

/** Checks X-Webhook-Signature (hex HMAC-SHA256 of the raw body) and parses the event; throws when forged. */
export function readGu1Webhook(
  secret: string,
  rawBody: string,
  headers: Record<string, string | undefined>,
): Gu1Webhook {
  const given = Buffer.from(headers['x-webhook-signature'] ?? '', 'utf8');
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Error('X-Webhook-Signature does not match the body');
  return JSON.parse(rawBody) as Gu1Webhook;
}
