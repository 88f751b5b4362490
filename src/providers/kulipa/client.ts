// A typed reference client for Kulipa's API v1, as an integrator writes it (errors as KulipaError).
import { createVerify } from 'node:crypto';

// Users, KYC initiation and export, webhook keys; the base URL (…/v1) and x-api-key injected.
export type UserStatus = 'unverified' | 'active' | 'frozen' | 'disabled' | 'deleted';
export type KycType = 'full' | 'shipping' | 'rfi';
export type KycStatus = 'pending' | 'submitted' | 'verified' | 'declined' | 'expired';

export interface KulipaClientOptions {
  /** e.g. https://api.kulipa.xyz/v1, or http://127.0.0.1:4010/kulipa/v1 against the sandbox. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export interface Address {
  address1: string;
  address2?: string;
  postalCode: string;
  city: string;
  country: string;
  state?: string;
}

export interface CreateUserInput {
  firstName: string;
  lastName: string;
  email: string;
  countryOfResidence: string;
  dateOfBirth?: string;
  phone?: { country: string; number: string };
  address?: Address;
  wallet?: { blockchain: string; withdrawalAddress: string };
}

export interface User {
  id: string;
  status: UserStatus;
  firstName: string;
  lastName: string;
  email: string;
  countryOfResidence: string;
  legalName: { firstName: string; lastName: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Kyc {
  id: string;
  userId: string;
  type: KycType;
  status: KycStatus;
  /** The webview to open for the person. */
  url: string;
  redirectUri: string | null;
  declineReason: string | null;
  expiresAt: string;
}

export interface KycExport {
  userId: string;
  kycId: string;
  status: 'verified';
  verifiedAt: string;
  identity: {
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    nationality: string;
    countryOfResidence: string;
    address: Address;
  };
  document: { type: string; number: string; issuingCountry: string; expiryDate: string };
}

export interface WebhookSettings {
  url: string | null;
  keyId: string;
  updatedAt: string | null;
}

export interface WebhookKey {
  id: string;
  algorithm: 'ECDSA_SHA_256';
  publicKey: string;
}

export interface KulipaWebhook {
  eventId: string;
  eventName: string;
  eventTargetId: string;
  userId: string;
}

/** Kulipa's {code, message, details?}; 400s list details.issues; 429s say when to retry. */
export class KulipaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'KulipaError';
  }
}

export function kulipaClient(opts: KulipaClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    const headers: Record<string, string> = {
      'x-api-key': opts.apiKey,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['x-idempotency-key'] = idempotencyKey;
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & {
      code?: string;
      message?: string;
      details?: { issues?: KulipaError['issues'] };
    };
    if (!res.ok) {
      const retry = res.headers.get('retry-after');
      throw new KulipaError(
        res.status,
        json.code ?? 'unknown_error',
        json.message ?? res.statusText,
        json.details?.issues ?? [],
        retry === null ? null : Number(retry),
      );
    }
    return json;
  }

  const q = encodeURIComponent;
  return {
    createUser: (input: CreateUserInput, idempotencyKey?: string) =>
      call<User>('POST', '/users', input, idempotencyKey),
    getUser: (userId: string) => call<User>('GET', `/users/${q(userId)}`),
    findUsers: (email: string) =>
      call<{ page: number; count: number; hasMore: boolean; items: User[] }>(
        'GET',
        `/users?email=${q(email)}`,
      ),
    /** PUT /v1/kycs: 201 with a new KYC, or 200 with the one whose webview is still open. */
    initiateKyc: (
      input: { userId: string; type: KycType; redirectUri?: string },
      idempotencyKey?: string,
    ) => call<Kyc>('PUT', '/kycs', input, idempotencyKey),
    getKyc: (kycId: string) => call<Kyc>('GET', `/kycs/${q(kycId)}`),
    exportKyc: (userId: string) => call<KycExport>('GET', `/kycs/export?userId=${q(userId)}`),
    webhookSettings: () => call<WebhookSettings>('GET', '/webhooks'),
    registerWebhook: (url: string) => call<WebhookSettings>('PUT', '/webhooks', { url }),
    webhookKey: (keyId: string) => call<WebhookKey>('GET', `/webhooks/keys/${q(keyId)}`),
  };
}

export type KulipaClient = ReturnType<typeof kulipaClient>;

/** Verifies x-kulipa-signature (DER hex ECDSA P-256/SHA-256 over "{ts}.{rawBody}") and parses the event. */
export function readKulipaWebhook(
  publicKeyPem: string,
  rawBody: string,
  headers: Record<string, string | undefined>,
): KulipaWebhook {
  const ts = headers['x-kulipa-signature-ts'] ?? '';
  const signature = headers['x-kulipa-signature'] ?? '';
  const valid =
    /^\d+$/.test(ts) &&
    /^[0-9a-f]+$/.test(signature) &&
    createVerify('sha256').update(`${ts}.${rawBody}`).verify(publicKeyPem, signature, 'hex');
  if (!valid) throw new Error('x-kulipa-signature does not verify');
  return JSON.parse(rawBody) as KulipaWebhook;
}
