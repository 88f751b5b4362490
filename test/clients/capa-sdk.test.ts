// Capa's official SDK against the sandbox: the exact requests it makes, replayed in an
// integrator's order, and checks that each answer is one the SDK accepts.
//
// Source (providers.md §1.11): github.com/CapaLabs/capa-sdk, the earlier commit the research names,
// 4f6b151 (4f6b151a3e59fd888ca9a95e509d25618adfe662, "capa-sdk" 0.1.0), which "uses exactly the
// documented paths": src/v2/CapaV2Client.ts (the services: method, url, path, query, body,
// mediaType) and src/v2/core/request.ts (how it sends them: axios; headers Accept:
// application/json, partner-api-key and Content-Type: application/json when there is a body; path
// parameters through encodeURI, query values through encodeURIComponent, undefined ones dropped; any
// status outside 200–299 rejects with ApiError, a success resolves with the parsed body). The
// latest release, 0.1.2 (5682b3fbfa4e31b43459b7689f2e874943e7cd5e, src/v2/services/*.ts), calls
// paths that exist neither in Capa's docs nor in its spec; they are replayed at the end.
import { describe, expect, it } from 'vitest';
import { KEY, decide, sessionIdOf } from '../../src/providers/capa/testing.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, testSandbox, type Reply } from '../helpers.js';

const BASE = 'http://127.0.0.1:4010/capa'; // what an integrator passes as CapaClientConfig.baseUrl

interface SdkRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  path?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/** An SDK rejection: ApiError carries the status and the parsed body. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { statusCode?: number; code?: string; message?: string },
  ) {
    super(`ApiError ${status}`);
  }
}

/** request.ts at 4f6b151: getUrl, getHeaders, then axios (which normalises the URL with new URL). */
async function sdk<T>(sb: Sandbox, options: SdkRequest): Promise<T> {
  const path = options.url.replace(/{(.*?)}/g, (substring, group: string) =>
    options.path && Object.hasOwn(options.path, group) ? encodeURI(options.path[group]) : substring,
  );
  const qs = Object.entries(options.query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  const url = new URL(`${BASE}${path}${qs.length ? `?${qs.join('&')}` : ''}`);
  const headers: Record<string, string> = { Accept: 'application/json', 'partner-api-key': KEY };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res: Reply = await call(sb, options.method, url.pathname + url.search, {
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (res.status < 200 || res.status > 299) throw new ApiError(res.status, res.body);
  return res.body as T;
}

const rejected = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the SDK call should reject'),
    (e: ApiError) => ({ status: e.status, code: e.body.code, message: e.body.message }),
  );

// The services of CapaV2Client.ts at 4f6b151, request for request.
const services = (sb: Sandbox) => ({
  users: {
    createUser: (requestBody: unknown) =>
      sdk<{ success?: boolean; data?: { userId: string } }>(sb, {
        method: 'POST',
        url: '/api/partner/v2/users',
        body: requestBody,
      }),
    createVerificationLink: (id: string, requestBody: unknown) =>
      sdk<{ success?: boolean; data?: { kycLink: string } }>(sb, {
        method: 'POST',
        url: '/api/partner/v2/users/{id}/kyc/verification-link',
        path: { id },
        body: requestBody,
      }),
    generateKybVerificationLink: (id: string, requestBody: unknown) =>
      sdk<{ success?: boolean; data?: { kybLink: string } }>(sb, {
        method: 'POST',
        url: '/api/partner/v2/users/{id}/kyb/verification-link',
        path: { id },
        body: requestBody,
      }),
    // Sic: no `path` is passed, so the literal {id} stays in the URL (sent as %7Bid%7D).
    getDocumentSignatureTemplates: () =>
      sdk<{ success?: boolean; data?: { name: string; language: string; url: string }[] }>(sb, {
        method: 'GET',
        url: '/api/partner/v2/users/{id}/agreements',
      }),
  },
  kyc: {
    generateDirectLink: (requestBody: unknown) =>
      sdk<{ status?: string; data?: { kycLink: string } }>(sb, {
        method: 'POST',
        url: '/api/partner/v2/kyc/verification-link',
        body: requestBody,
      }),
    uploadFiles: (requestBody: unknown) =>
      sdk<unknown>(sb, {
        method: 'POST',
        url: '/api/partner/v2/kyc/send-verification',
        body: requestBody,
      }),
    getUserVerificationDetails: (userId: string) =>
      sdk<{ status?: string; data?: Record<string, unknown> }>(sb, {
        method: 'GET',
        url: '/api/partner/v2/kyc/details',
        query: { userId },
      }),
  },
  webhookSettings: {
    update: (requestBody: { url: string | null }) =>
      sdk<{ success?: boolean; data?: Record<string, unknown> }>(sb, {
        method: 'PUT',
        url: '/api/partner/v2/webhook-settings',
        body: requestBody,
      }),
  },
});

/** The fields GetUserVerificationResultHttpResponse requires (models at 4f6b151). */
const VERIFICATION_RESULT_FIELDS = [
  'amlInfo',
  'clientReferenceData',
  'faceLivenessInfo',
  'faceMatchInfo',
  'fraudInsights',
  'idInfo',
];

describe('Capa official SDK (capa-sdk 4f6b151) against the sandbox', () => {
  it('registers the webhook URL, onboards a person through a link and reads the verified result', async () => {
    const sb = testSandbox();
    const client = services(sb);

    const settings = await client.webhookSettings.update({ url: 'https://partner.example/capa' });
    expect(settings.success).toBe(true);
    expect(settings.data).toEqual({
      id: expect.any(String),
      partnerId: expect.any(String),
      url: 'https://partner.example/capa',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const userRes = await client.users.createUser({
      type: 'INDIVIDUAL',
      email: 'user@example.com',
      externalUserId: 'your-internal-user-id',
    });
    const userId = userRes.data?.userId;
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);

    const linkRes = await client.users.createVerificationLink(userId!, {
      country: 'MX',
      partnerRedirectUri: 'https://partner.example/verification-complete',
    });
    expect(linkRes.success).toBe(true);
    expect(linkRes.data?.kycLink).toMatch(/^http:\/\/sandbox\.test\/verify\/capa\//);

    await decide(sb, sessionIdOf(linkRes.data!.kycLink), 'VERIFIED');
    const details = await client.kyc.getUserVerificationDetails(userId!);
    expect(details.status).toBe('ok');
    for (const field of VERIFICATION_RESULT_FIELDS) expect(details.data).toHaveProperty(field);
    expect(details.data).toMatchObject({
      aipriseSummary: { verificationResult: 'VERIFIED' },
      clientReferenceId: userId,
      verificationSessionId: expect.any(String),
    });
  });

  it('onboards a business through a KYB link', async () => {
    const sb = testSandbox();
    const client = services(sb);
    const biz = await client.users.createUser({
      type: 'BUSINESS',
      email: 'ops@acme.mx',
      externalUserId: 'acme-1',
      alias: 'Acme',
    });
    const kyb = await client.users.generateKybVerificationLink(biz.data!.userId, { country: 'MX' });
    expect(kyb.success).toBe(true);
    expect(kyb.data?.kybLink).toMatch(/^http/);
  });

  it('asks for a direct link with personalInfo, and sends a KYC it ran itself', async () => {
    const sb = testSandbox();
    const client = services(sb);
    const a = (
      await client.users.createUser({
        type: 'INDIVIDUAL',
        email: 'a@example.com',
        externalUserId: 'a',
      })
    ).data!.userId;
    const direct = await client.kyc.generateDirectLink({
      userId: a,
      country: 'MX',
      partnerRedirectUri: 'myapp://kyc/done',
      personalInfo: {
        profession: 'Employee',
        phoneNumber: '+524401234567',
        birthCountry: 'MX',
        taxId: 'LOZG7802117B9',
      },
    });
    expect(direct.status).toBe('ok');
    expect(direct.data?.kycLink).toMatch(/^http/);

    const b = (
      await client.users.createUser({
        type: 'INDIVIDUAL',
        email: 'b@example.com',
        externalUserId: 'b',
      })
    ).data!.userId;
    // uploadFiles sends JSON (mediaType application/json) and types its answer `any`: 201, no body.
    await expect(
      client.kyc.uploadFiles({ userId: b, country: 'DO', documentType: 'PASSPORT' }),
    ).resolves.toBe('');
    const details = await client.kyc.getUserVerificationDetails(b);
    expect(details.data).toMatchObject({ aipriseSummary: { verificationResult: 'IN_PROGRESS' } });
  });

  it('resets the webhook URL with url: null', async () => {
    const sb = testSandbox();
    const client = services(sb);
    await client.webhookSettings.update({ url: 'https://partner.example/capa' });
    const reset = await client.webhookSettings.update({ url: null });
    expect(reset.success).toBe(true);
    expect(reset.data?.url).toBeNull();
  });

  it("gets Capa's 401 for getDocumentSignatureTemplates, whose URL keeps a literal {id}", async () => {
    const sb = testSandbox();
    // An SDK bug, not a sandbox one: the call can name no user, so no partner has that user.
    expect(await rejected(services(sb).users.getDocumentSignatureTemplates())).toEqual({
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'User is not associated with the partner',
    });
  });

  it('surfaces a documented error as ApiError with the status and body it reads', async () => {
    const sb = testSandbox();
    const client = services(sb);
    expect(
      await rejected(
        client.users.createVerificationLink('00000000-0000-4000-8000-000000000000', {
          country: 'MX',
        }),
      ),
    ).toEqual({ status: 404, code: 'NOT_FOUND_ERROR', message: 'Requested User was not found' });
  });
});

describe('Capa official SDK 0.1.2 (5682b3f): paths in neither the docs nor the spec', () => {
  const USER = '00000000-0000-4000-8000-000000000000';
  it.each([
    ['POST', '/api/partner/v2/kyc/direct-link', { userId: USER, country: 'MX' }],
    [
      'POST',
      '/api/partner/v2/kyc/upload-files',
      { userId: USER, country: 'MX', documentType: 'PASSPORT' },
    ],
    ['GET', `/api/partner/v2/kyc/user/${USER}/verification-details`, undefined],
    ['POST', `/api/partner/v2/users/${USER}/verification-link`, { country: 'MX' }],
    ['POST', `/api/partner/v2/users/${USER}/kyb-verification-link`, { country: 'MX' }],
    ['GET', '/api/partner/v2/users/document-signature-templates', undefined],
  ] as const)("%s %s gets Capa's 404 for an unknown path", async (method, url, body) => {
    const sb = testSandbox();
    expect(await rejected(sdk(sb, { method, url, body }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Not Found',
    });
  });
});
