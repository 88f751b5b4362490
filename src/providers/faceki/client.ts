// A typed reference client for Faceki (V2 and Blaze 3.0 on sdk.faceki.com), as an integrator writes it.
import type {
  FacekiClientOptions,
  Token,
  LinkInput,
  LinkValidation,
  KycRecord,
  Verification,
  V2Verification,
  KycSummary,
  ImagePart,
  EkycResultWebhook,
} from './client-types.js';
export type {
  Decision,
  FacekiClientOptions,
  Token,
  LinkInput,
  LinkValidation,
  KycRecord,
  Verification,
  V2Verification,
  KycSummary,
  ImagePart,
  EkycResultWebhook,
} from './client-types.js';

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

type Init = {
  body?: unknown;
  bearer?: string;
  /** A multipart upload: the bytes and their content type. */
  form?: { type: string; bytes: Uint8Array<ArrayBuffer> };
  /** An answer whose outcome code is data, not an error (a verification that ran). */
  outcome?: boolean;
};
type Send = <T>(method: string, path: string, init?: Init) => Promise<T>;

/** One call; Faceki's clients test responseCode !== 0, not only the HTTP status. */
function sender(baseUrl: string, doFetch: typeof fetch): Send {
  const base = baseUrl.replace(/\/$/, '');
  return async <T>(method: string, path: string, init: Init = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.form) headers['content-type'] = init.form.type;
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: init.form?.bytes ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const json = (await res.json().catch(() => ({}))) as T & {
      responseCode?: number;
      message?: string;
    };
    const coded = json.responseCode !== undefined && json.responseCode !== 0 && !init.outcome;
    if (!res.ok || coded)
      throw new FacekiError(res.status, json.responseCode ?? null, json.message ?? res.statusText);
    return json;
  };
}

/** multipart/form-data, written out (a fixed boundary keeps a recorded upload byte-for-byte). */
export function multipart(
  parts: Record<string, ImagePart | undefined>,
  boundary = `----faceki${crypto.randomUUID().replace(/-/g, '')}`,
): { type: string; bytes: Uint8Array<ArrayBuffer> } {
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(new TextEncoder().encode(s));
  for (const [name, value] of Object.entries(parts)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && !isImagePart(name)) {
      text(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${value}\r\n`,
      );
      continue;
    }
    text(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    chunks.push(typeof value === 'string' ? new TextEncoder().encode(value) : value);
    text('\r\n');
  }
  text(`--${boundary}--\r\n`);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { type: `multipart/form-data; boundary=${boundary}`, bytes };
}

/** The parts that carry images (files); the rest (workflowId, record_identifier) are plain fields. */
const isImagePart = (name: string) => /^(selfie|document_\d_(front|back)|\w+_image)$/.test(name);

const q = encodeURIComponent;

type Get = <T>(path: string) => Promise<T>;
type Upload = <T>(path: string, parts: Record<string, ImagePart | undefined>) => Promise<T>;

/** The record lookups, the rules and the summary. */
const recordCalls = (get: Get) => ({
  /** V2 records of one link (empty until the person submits), by linkId as Faceki's clients ask. */
  recordsByLink: async (link: string) =>
    (await get<{ data: KycRecord[] }>(`/kycverify/api/kycverify/link?linkId=${q(link)}`)).data,
  /** Blaze 3.0 Fetch Records by applicationId. */
  recordsByApplication: async (applicationId: string) =>
    (
      await get<{ result: KycRecord[] }>(
        `/kycverify/api/kycverify/records?record_identifier=${q(applicationId)}`,
      )
    ).result,
  /** Blaze 3.0 Fetch Records: any of requestId, face_id, link, record_identifier (one is needed). */
  fetchRecords: async (
    filter: Partial<Record<'requestId' | 'face_id' | 'link' | 'record_identifier', string>>,
  ) =>
    (
      await get<{ result: KycRecord[] }>(
        `/kycverify/api/kycverify/records?${new URLSearchParams(filter)}`,
      )
    ).result,
  /** V2 Get KYC Rules: the client's default workflow, or the one named. */
  kycRules: async (workflowId?: string) =>
    (
      await get<{ data: { _id: string; allowedKycDocuments: string[] } }>(
        `/kycrules/api/kycrules${workflowId ? `?workflowId=${q(workflowId)}` : ''}`,
      )
    ).data,
  /** V2 KYC Summary. */
  summary: async () =>
    (await get<{ data: KycSummary }>('/kycverify/api/kycverify/kyc-verify-summary')).data,
});

/** The multipart calls: direct verification and face search. */
const verificationCalls = (upload: Upload) => ({
  /**
   * Blaze 3.0 direct verification: the selfie, the workflow and its documents in order
   * (front, and back unless a passport). A verification that ran resolves, whatever its code.
   */
  verify: async (input: {
    workflowId: string;
    selfie: ImagePart;
    documents: { front?: ImagePart; back?: ImagePart }[];
    record_identifier?: string;
  }) =>
    upload<Verification>('/api/v3/kyc_verification', {
      selfie: input.selfie,
      workflowId: input.workflowId,
      ...Object.fromEntries(
        input.documents.flatMap((d, i) => [
          [`document_${i + 1}_front`, d.front],
          [`document_${i + 1}_back`, d.back],
        ]),
      ),
      record_identifier: input.record_identifier,
    }),
  /** Blaze 3.0 Face Match API: the records of people who passed KYC with this face. */
  searchByFace: async (selfie: ImagePart) =>
    (
      await upload<{ result: KycRecord[] }>('/api/v3/kyc_verification/search-by-face', {
        selfie,
      })
    ).result,
  /** V2 multi-document verification (id_, dl_, pp_ front and back images, and the selfie). */
  multiVerify: async (
    images: Partial<
      Record<`${'id' | 'dl' | 'pp'}_${'front' | 'back'}_image` | 'selfie_image', ImagePart>
    >,
  ) => upload<V2Verification>('/kycverify/api/kycverify/multi-kyc-verification', images),
});

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
  const upload = async <T>(path: string, parts: Record<string, ImagePart | undefined>) =>
    send<T>('POST', path, {
      bearer: await bearer(),
      form: multipart(parts, opts.boundary),
      outcome: true,
    });

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
    ...recordCalls(get),
    ...verificationCalls(upload),
    /** Any other call (a path this client does not model), answered as the others are. */
    request: async <T>(method: string, path: string) =>
      send<T>(method, path, { bearer: await bearer() }),
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
