// A typed reference client for Faceki (V2 and Blaze 3.0 on sdk.faceki.com), as an integrator writes it.

export type Decision = 'ACCEPTED' | 'DECLINED' | 'REVIEW';

export interface FacekiClientOptions {
  /** e.g. https://sdk.faceki.com, or http://127.0.0.1:4010/faceki against the sandbox. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** A token obtained earlier (tokens live an hour); fetched on first use otherwise. */
  accessToken?: string;
  fetch?: typeof fetch;
}

export interface Token {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

/** V2 sends expiryTime as a string of minutes; Blaze 3.0 as a number, with its workflowId. */
export type LinkInput =
  | {
      expiryTime?: string;
      applicationId?: string;
      redirect_url?: string;
      document_optional?: boolean;
    }
  | { expiryTime?: number; workflowId: string; applicationId?: string; redirect_url?: string };

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
  link: string;
  record_identifier: string | null;
  requestId: string;
  decision: Decision | null;
  document_data: {
    full_name: string;
    document_number: string;
    document_type: string;
    passed: boolean;
  }[];
  [field: string]: unknown;
}

export interface EkycResultWebhook {
  requestId: string;
  fullName: string;
  status: Decision;
  kycData: KycRecord;
}

/** Token refusals carry {status:false, message, statusCode}; API errors add a responseCode. */
export class FacekiError extends Error {
  constructor(
    readonly status: number,
    readonly responseCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'FacekiError';
  }
}

type Send = <T>(
  method: string,
  path: string,
  init?: { body?: unknown; bearer?: string },
) => Promise<T>;

/** One JSON call; Faceki's clients test responseCode !== 0, not only the HTTP status. */
function sender(baseUrl: string, doFetch: typeof fetch): Send {
  const base = baseUrl.replace(/\/$/, '');
  return async <T>(
    method: string,
    path: string,
    init: { body?: unknown; bearer?: string } = {},
  ) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await res.json().catch(() => ({}))) as T & {
      responseCode?: number;
      message?: string;
    };
    if (!res.ok || (json.responseCode !== undefined && json.responseCode !== 0))
      throw new FacekiError(res.status, json.responseCode ?? null, json.message ?? res.statusText);
    return json;
  };
}

const q = encodeURIComponent;

/** Client credentials exchanged for a Bearer token (cached); coded errors thrown as FacekiError. */
export function facekiClient(opts: FacekiClientOptions) {
  const send = sender(opts.baseUrl, opts.fetch ?? fetch);
  let token = opts.accessToken;
  const keep = (res: { data: Token }) => {
    token = res.data.access_token;
    return res.data;
  };
  /** V2: GET /auth/api/access-token?clientId&clientSecret. */
  const getToken = async (): Promise<Token> =>
    keep(
      await send<{ data: Token }>(
        'GET',
        `/auth/api/access-token?clientId=${q(opts.clientId)}&clientSecret=${q(opts.clientSecret)}`,
      ),
    );
  const bearer = async () => token ?? (await getToken()).access_token;
  const get = async <T>(path: string) => send<T>('GET', path, { bearer: await bearer() });

  return {
    getToken,
    /** Blaze 3.0: POST /auth/api/generate-token with the credentials in the body. */
    generateToken: async (): Promise<Token> =>
      keep(
        await send<{ data: Token }>('POST', '/auth/api/generate-token', {
          body: { clientId: opts.clientId, clientSecret: opts.clientSecret },
        }),
      ),
    /** Creates a KYC link; the person opens `url`. */
    async createLink(input: LinkInput): Promise<{ id: string; url: string }> {
      const res = await send<{ data: string; url: string }>(
        'POST',
        '/kycverify/api/kycverify/kyc-verify-link',
        { body: input, bearer: await bearer() },
      );
      return { id: res.data, url: res.url };
    },
    validateLink: async (link: string) =>
      (
        await get<{ data: LinkValidation }>(
          `/kycverify/api/kycverify/validate-kyc-verify-link?url=${q(link)}`,
        )
      ).data,
    /** V2 records of one link (empty until the person submits). */
    recordsByLink: async (link: string) =>
      (await get<{ data: KycRecord[] }>(`/kycverify/api/kycverify/link?link=${q(link)}`)).data,
    /** Blaze 3.0 Fetch Records by applicationId. */
    recordsByApplication: async (applicationId: string) =>
      (
        await get<{ result: KycRecord[] }>(
          `/kycverify/api/kycverify/records?record_identifier=${q(applicationId)}`,
        )
      ).result,
  };
}

export type FacekiClient = ReturnType<typeof facekiClient>;

/** Faceki signs nothing (no scheme is documented): parse, and check the shape before trusting it. */
export function readFacekiWebhook(rawBody: string): EkycResultWebhook {
  const body = JSON.parse(rawBody) as Partial<EkycResultWebhook>;
  if (
    typeof body.requestId !== 'string' ||
    !['ACCEPTED', 'DECLINED', 'REVIEW'].includes(String(body.status))
  )
    throw new Error('not a Faceki EKYC result');
  return body as EkycResultWebhook;
}
