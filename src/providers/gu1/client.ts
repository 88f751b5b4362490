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
  organizationId: string;
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
  type: 'person';
  name: string;
  taxId: string | null;
  countryCode: string;
  kycVerified: boolean;
  createdAt: string;
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

/** Bearer key and X-Organization-ID injected; errors thrown as Gu1Error. */
export function gu1Client(opts: Gu1ClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${opts.apiKey}`,
      'x-organization-id': opts.organizationId,
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
  }

  const q = encodeURIComponent;
  return {
    createPerson: async (input: CreatePersonInput) =>
      (await call<{ entity: Entity }>('POST', '/api/entities', input)).entity,
    createValidation: (input: CreateValidationInput) =>
      call<ValidationCreated>('POST', '/api/kyc/validations', input),
    getValidation: (id: string) => call<Validation>('GET', `/api/kyc/validations/${q(id)}`),
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
