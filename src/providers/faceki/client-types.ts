// The shapes Faceki's reference client sends and reads (client.ts), as an integrator declares them.
export type Decision = 'ACCEPTED' | 'DECLINED' | 'REVIEW';

export interface FacekiClientOptions {
  /** e.g. https://sdk.faceki.com, or http://127.0.0.1:4010/faceki against the sandbox. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** A token obtained earlier (tokens live an hour); fetched on first use otherwise. */
  accessToken?: string;
  fetch?: typeof fetch;
  /** The multipart boundary of image uploads (default: a fresh one per upload). */
  boundary?: string;
}

export interface Token {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

/**
 * V2 documents expiryTime as a string of minutes (Faceki's official Python client sends a number, 0
 * for the default, and null for every unset field); Blaze 3.0 sends a number, with its workflowId.
 */
export type LinkInput =
  | {
      expiryTime?: string | number | null;
      applicationId?: string | null;
      redirect_url?: string | null;
      document_optional?: boolean | null;
      [extra: string]: unknown;
    }
  | {
      expiryTime?: number | null;
      workflowId: string;
      applicationId?: string | null;
      redirect_url?: string | null;
      document_optional?: boolean | null;
    };

export interface LinkValidation {
  link: string;
  url: string;
  valid: boolean;
  status: 'live' | 'used' | 'expired';
  state: string;
  expiresAt: string;
  redirect_url: string | null;
}

export interface KycRecord {
  /** null for a direct API verification. */
  link: string | null;
  record_identifier: string | null;
  requestId: string;
  decision: Decision | null;
  face_id: string | null;
  document_data: {
    full_name: string;
    document_number: string;
    document_type: string;
    passed: boolean;
  }[];
  [field: string]: unknown;
}

/** The Blaze 3.0 answer of a direct verification: code 200 with the decision, or an outcome code. */
export interface Verification {
  status: boolean;
  code: number;
  message: string;
  result: KycRecord | null;
}

/** The V2 answer of a single or multi-document verification. */
export interface V2Verification {
  responseCode: number;
  message?: string;
  data: { verification: { passed: boolean }; responseID: string; record: KycRecord } | null;
}

export interface KycSummary {
  total: number;
  accepted: number;
  declined: number;
  review: number;
  pending: number;
  direct: number;
  links: { total: number; live: number; used: number; expired: number };
  credit: number;
  spent: number;
}

/** An image part: bytes, or text (a sandbox magic marker in a text file will do). */
export type ImagePart = Uint8Array | string;

export interface EkycResultWebhook {
  requestId: string;
  fullName: string;
  status: Decision;
  kycData: KycRecord;
}

/** Token refusals carry {status:false, message, statusCode}; API errors add a responseCode. */
