// A typed reference client for Kulipa's API v1, as an integrator writes it (errors as KulipaError).
import { createVerify } from 'node:crypto';

// Users (and their updates), KYC initiation and export, webhook keys; the base URL (…/v1) and
// x-api-key injected.
export type UserStatus = 'unverified' | 'active' | 'frozen' | 'disabled' | 'deleted';
export type KycType = 'full' | 'shipping' | 'rfi';
export type KycStatus =
  'pending' | 'submitted' | 'verified' | 'declined' | 'expired' | 'full_required';

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
  phone: { country: string; number: string } | null;
  dateOfBirth: string | null;
  countryOfBirth: string | null;
  countryOfResidence: string;
  address: Address | null;
  shippingAddress: { address: Address; phone?: string } | null;
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
  /** rfi: what the person is asked to provide, e.g. proof_of_address. */
  requestedInformation: string[] | null;
  declineReason: string | null;
  expiresAt: string;
}

/** GET /v1/kycs/export: the fields kulipa.readme.io/reference/kyc-export documents. */
export interface KycExport {
  name: { first: string; middle: string | null; last: string };
  emailAddress: string;
  phoneNumber: string | null;
  dateOfBirth: string;
  address: {
    street1: string;
    street2: string | null;
    city: string;
    state: string | null;
    zipCode: string;
    country: string;
  };
  identityDocument: {
    countryCode: string | null;
    type: string;
    number: string;
    documentFront: string;
    documentBack: string | null;
    issuedDate: string | null;
  };
}

/** What a request sends beyond the JSON body: a raw body with its type, an idempotency key. */
export interface RequestOptions {
  idempotencyKey?: string;
  /** Sent as is instead of JSON.stringify(body), with this content type. */
  raw?: { body: string; contentType: string };
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

type Call = <T>(
  method: string,
  path: string,
  body?: unknown,
  options?: RequestOptions,
) => Promise<T>;

/** The transport: x-api-key, JSON in and out, and a KulipaError for anything but 2xx. */
function transport(opts: KulipaClientOptions): Call {
  const base = opts.baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  return async <T>(method: string, path: string, body?: unknown, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
    const text = options.raw?.body ?? (body === undefined ? undefined : JSON.stringify(body));
    if (text !== undefined)
      headers['content-type'] = options.raw?.contentType ?? 'application/json';
    if (options.idempotencyKey) headers['x-idempotency-key'] = options.idempotencyKey;
    const res = await doFetch(`${base}${path}`, { method, headers, body: text });
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
  };
}

const q = encodeURIComponent;
const idem = (idempotencyKey?: string): RequestOptions => ({ idempotencyKey });

/** The user calls: create, read, find, and the four updates (each answers the User). */
function userCalls(call: Call) {
  const update = (userId: string, what: string, body: unknown, idempotencyKey?: string) =>
    call<User>('PUT', `/users/${q(userId)}/${what}`, body, idem(idempotencyKey));
  return {
    createUser: (input: CreateUserInput, idempotencyKey?: string) =>
      call<User>('POST', '/users', input, idem(idempotencyKey)),
    getUser: (userId: string) => call<User>('GET', `/users/${q(userId)}`),
    findUsers: (email: string) =>
      call<{ page: number; count: number; hasMore: boolean; items: User[] }>(
        'GET',
        `/users?email=${q(email)}`,
      ),
    /** Only for users who have not undergone KYC (docs, updateuseraddress). */
    setAddress: (userId: string, address: Address, idempotencyKey?: string) =>
      update(userId, 'address', address, idempotencyKey),
    setPhoneNumber: (
      userId: string,
      phone: { country: string; number: string },
      idempotencyKey?: string,
    ) => update(userId, 'phone-number', phone, idempotencyKey),
    /** As a bare JSON string (what the .NET SDK sends), or as {email}. */
    setEmail: (
      userId: string,
      email: string,
      idempotencyKey?: string,
      form: 'string' | 'object' = 'string',
    ) => update(userId, 'email', form === 'string' ? email : { email }, idempotencyKey),
    setShippingAddress: (
      userId: string,
      shipping: { address: Address; phone?: string },
      idempotencyKey?: string,
    ) => update(userId, 'shipping-address', shipping, idempotencyKey),
  };
}

/** The KYC calls and the webhook settings and key. */
function kycCalls(call: Call) {
  return {
    /** PUT /v1/kycs (or POST): 201 with a new KYC, or 200 with the one whose webview is still open. */
    initiateKyc: (
      input: { userId: string; type: KycType; redirectUri?: string },
      idempotencyKey?: string,
      method: 'PUT' | 'POST' = 'PUT',
    ) => call<Kyc>(method, '/kycs', input, idem(idempotencyKey)),
    getKyc: (kycId: string) => call<Kyc>('GET', `/kycs/${q(kycId)}`),
    exportKyc: (userId: string) => call<KycExport>('GET', `/kycs/export?userId=${q(userId)}`),
    webhookSettings: () => call<WebhookSettings>('GET', '/webhooks'),
    registerWebhook: (url: string, idempotencyKey?: string) =>
      call<WebhookSettings>('PUT', '/webhooks', { url }, idem(idempotencyKey)),
    webhookKey: (keyId: string) => call<WebhookKey>('GET', `/webhooks/keys/${q(keyId)}`),
  };
}

export function kulipaClient(opts: KulipaClientOptions) {
  const call = transport(opts);
  return {
    /** The transport itself, for requests the typed methods do not make (a raw body, another method). */
    request: call,
    ...userCalls(call),
    ...kycCalls(call),
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
