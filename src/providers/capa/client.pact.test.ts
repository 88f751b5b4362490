// Consumer pacts for Capa: the reference client against Pact's mock server (HTTP), every documented
// error row pinned with its exact status, code and message, and the webhook receiver against Capa's
// signed KYC events (messages). Capa documents no rate limit: no 429 pact.
import { createHmac } from 'node:crypto';
import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import {
  consumerPact,
  settledFetch,
  hex,
  isoDate,
  isoTimestamp,
  url,
  uuid,
} from '../../pact/consumer.js';
import { capaClient, type CapaClient, type CapaError, readCapaWebhook } from './client.js';
import { capaErrors } from './errors.js';

const { like, regex, number, fromProviderState } = MatchersV3;
const KEY = 'capa_test_partner_key_000000000001';
const OTHER_KEY = 'capa_test_partner_key_000000000002';
const INVALID_FLOW_KEY = 'capa_test_invalid_flow_key_00000001';
const NO_INFO_KEY = 'capa_test_no_partner_info_key_0001';
const USER = '3f0c8a52-6d7e-4b1a-9c2d-5e8f7a6b4c3d';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const P = '/api/partner/v2';
const auth = (key = KEY) => ({ 'partner-api-key': key });
const userIdFromState = () => fromProviderState('${userId}', USER);
const userPath = (rest: string) =>
  fromProviderState(`${P}/users/\${userId}${rest}`, `${P}/users/${USER}${rest}`);
const PERSONAL_INFO = {
  profession: 'Employee' as const,
  phoneNumber: '+524401234567',
  birthCountry: 'MX',
  taxId: 'LOZG7802117B9',
};

const http = consumerPact('capa-reference-client', 'capa');
const hooks = consumerPact('capa-webhook-receiver', 'capa');
afterAll(() => {
  http.publish();
  hooks.publish();
});

const client = (baseUrl: string, apiKey = KEY) =>
  capaClient({ baseUrl, apiKey, fetch: settledFetch });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: CapaError) => ({ status: e.status, code: e.code, message: e.message }),
  );

describe('Capa reference client (consumer pact)', () => {
  it('creates an individual user', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to create an individual user')
      .withRequest('POST', `${P}/users`, (b) =>
        b
          .headers(auth())
          .jsonBody({ type: 'INDIVIDUAL', email: 'ada@example.com', externalUserId: 'ext-1' }),
      )
      .willRespondWith(201, (b) => b.jsonBody({ success: true, data: { userId: uuid() } }))
      .executeTest(async (mock) => {
        const { userId } = await client(mock.url).createUser({
          type: 'INDIVIDUAL',
          email: 'ada@example.com',
          externalUserId: 'ext-1',
        });
        expect(userId).toBe(USER);
      }));

  it('creates a KYC verification link for an existing user', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL' })
      .uponReceiving('a request for a KYC verification link')
      .withRequest('POST', userPath('/kyc/verification-link'), (b) =>
        b
          .headers(auth())
          .jsonBody({ country: 'MX', partnerRedirectUri: 'https://partner.example/kyc-done' }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          success: true,
          data: { kycLink: url(`http://127.0.0.1:4010/verify/capa/${USER}`) },
        }),
      )
      .executeTest(async (mock) => {
        const { kycLink } = await client(mock.url).createKycLink(USER, {
          country: 'MX',
          partnerRedirectUri: 'https://partner.example/kyc-done',
        });
        expect(kycLink).toMatch(/^http/);
      }));

  it('creates a KYB verification link for a business', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'BUSINESS' })
      .uponReceiving('a request for a KYB verification link')
      .withRequest('POST', userPath('/kyb/verification-link'), (b) =>
        b.headers(auth()).jsonBody({ country: 'MX' }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          success: true,
          data: { kybLink: url(`http://127.0.0.1:4010/verify/capa/${USER}`) },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createKybLink(USER, { country: 'MX' })).kybLink).toMatch(
          /^http/,
        );
      }));

  it('creates a direct KYC link with the userId and personalInfo in the body', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL' })
      .uponReceiving('a request for a direct KYC link')
      .withRequest('POST', `${P}/kyc/verification-link`, (b) =>
        b.headers(auth()).jsonBody({
          userId: userIdFromState(),
          country: 'MX',
          partnerRedirectUri: 'myapp://kyc/done',
          personalInfo: PERSONAL_INFO,
        }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          status: 'ok',
          data: { kycLink: url(`http://127.0.0.1:4010/verify/capa/${USER}`) },
        }),
      )
      .executeTest(async (mock) => {
        const { kycLink } = await client(mock.url).createDirectKycLink({
          userId: USER,
          country: 'MX',
          partnerRedirectUri: 'myapp://kyc/done',
          personalInfo: PERSONAL_INFO,
        });
        expect(kycLink).toMatch(/^http/);
      }));

  it('sends a KYC it ran itself and gets 201 with no body', () =>
    http.pact
      .addInteraction()
      .given('a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL' })
      .uponReceiving('a KYC the partner ran itself')
      .withRequest('POST', `${P}/kyc/send-verification`, (b) =>
        b.headers(auth()).jsonBody({
          userId: userIdFromState(),
          country: 'MX',
          documentType: 'VOTER_ID',
          personalInfo: PERSONAL_INFO,
        }),
      )
      .willRespondWith(201)
      .executeTest(async (mock) => {
        await expect(
          client(mock.url).sendVerification({
            userId: USER,
            country: 'MX',
            documentType: 'VOTER_ID',
            personalInfo: PERSONAL_INFO,
          }),
        ).resolves.toBeUndefined();
      }));

  it("lists the user's agreements", () =>
    http.pact
      .addInteraction()
      .given('a Capa user has a verification link', { apiKey: KEY, country: 'MX' })
      .uponReceiving("a request for a Mexican user's agreements")
      .withRequest('GET', userPath('/agreements'), (b) => b.headers(auth()))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          success: true,
          data: [
            { name: 'CONTRACT', language: 'ES', url: url('https://media.sandbox.invalid/c.pdf') },
            {
              name: 'TERMS_AND_CONDITIONS',
              language: 'ES',
              url: url('https://media.sandbox.invalid/t.pdf'),
            },
          ],
        }),
      )
      .executeTest(async (mock) => {
        const list = await client(mock.url).agreements(USER);
        expect(list.map((a) => a.name)).toEqual(['CONTRACT', 'TERMS_AND_CONDITIONS']);
      }));

  it('reads the KYC details of a verified user', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        type: 'INDIVIDUAL',
        decision: 'VERIFIED',
        country: 'MX',
      })
      .uponReceiving('a request for the KYC details of a verified user')
      .withRequest('GET', `${P}/kyc/details`, (b) =>
        b.headers(auth()).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            aipriseSummary: { verificationResult: 'VERIFIED' },
            clientReferenceId: uuid(USER),
            verificationSessionId: regex('^vs_[0-9a-f]{16}$', 'vs_3f0c8a526d7e4b1a'),
            faceLivenessInfo: { result: 'PASSED', status: 'APPROVED', statusReasons: [] },
            faceMatchInfo: { faceMatchScore: number(0.97), result: 'PASSED', status: 'APPROVED' },
            fraudInsights: { result: 'CLEAN', status: 'APPROVED' },
            idInfo: {
              fullName: like('Juan Perez'),
              birthDate: isoDate('1990-01-01'),
              gender: regex('^[MF]$', 'M'),
              nationality: 'MX',
              idNumber: like('X12345678'),
              idType: 'INE',
            },
            amlInfo: { numHits: 0, entityHits: [] },
          },
        }),
      )
      .executeTest(async (mock) => {
        const details = await client(mock.url).kycDetails(USER);
        expect(details.aipriseSummary.verificationResult).toBe('VERIFIED');
        expect(details.idInfo?.fullName).toBe('Juan Perez');
        expect(details.faceMatchInfo?.faceMatchScore).toBeLessThanOrEqual(1);
      }));

  it('reads why a KYC was rejected, as a reason object on the check it concerns', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        type: 'INDIVIDUAL',
        decision: 'REJECTED',
        reason: 'Face does not match the document',
      })
      .uponReceiving('a request for the KYC details of a user rejected for a face mismatch')
      .withRequest('GET', `${P}/kyc/details`, (b) =>
        b.headers(auth()).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            aipriseSummary: { verificationResult: 'REJECTED' },
            faceMatchInfo: {
              faceMatchScore: number(0.31),
              result: 'FAILED',
              status: 'DECLINED',
              statusReasons: [
                { code: 'FACE_MISMATCH', message: 'Face does not match the document' },
              ],
            },
          },
        }),
      )
      .executeTest(async (mock) => {
        const details = await client(mock.url).kycDetails(USER);
        expect(details.faceMatchInfo?.statusReasons[0].code).toBe('FACE_MISMATCH');
      }));

  it('reads the KYB details of a business whose link is live', () =>
    http.pact
      .addInteraction()
      .given('a Capa user has a verification link', { apiKey: KEY, type: 'BUSINESS' })
      .uponReceiving('a request for the KYB details of a business with a live link')
      .withRequest('GET', `${P}/kyb/details`, (b) =>
        b.headers(auth()).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            verificationStatus: 'IN_PROGRESS',
            businessInfo: null,
            beneficialOwners: [],
            verificationSessionId: regex('^vs_[0-9a-f]{16}$', 'vs_3f0c8a526d7e4b1a'),
            createdAt: isoTimestamp(),
            sessionUrl: url(`http://127.0.0.1:4010/verify/capa/${USER}`),
          },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).kybDetails(USER)).sessionUrl).toMatch(/^http/);
      }));

  it('reads the business and its owners once the KYB was verified', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        type: 'BUSINESS',
        decision: 'VERIFIED',
      })
      .uponReceiving('a request for the KYB details of a verified business')
      .withRequest('GET', `${P}/kyb/details`, (b) =>
        b.headers(auth()).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          status: 'ok',
          data: {
            verificationStatus: 'VERIFIED',
            businessInfo: {
              businessName: like('Acme SA de CV'),
              countryOfConstitution: 'MX',
              taxId: like('ACM850101AB1'),
            },
            beneficialOwners: MatchersV3.eachLike({
              fullName: like('Juan Perez'),
              ownershipPercent: number(100),
            }),
            sessionUrl: null,
          },
        }),
      )
      .executeTest(async (mock) => {
        const d = await client(mock.url).kybDetails(USER);
        expect(d.businessInfo?.countryOfConstitution).toBe('MX');
        expect(d.beneficialOwners[0].ownershipPercent).toBe(100);
      }));

  it('sees no session URL once the KYB link has expired', () =>
    http.pact
      .addInteraction()
      .given("a Capa user's verification link has expired", { apiKey: KEY, type: 'BUSINESS' })
      .uponReceiving('a request for the KYB details of a business whose link expired')
      .withRequest('GET', `${P}/kyb/details`, (b) =>
        b.headers(auth()).query({ userId: userIdFromState() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ status: 'ok', data: { verificationStatus: 'IN_PROGRESS', sessionUrl: null } }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).kybDetails(USER)).sessionUrl).toBeNull();
      }));

  const settings = (u: string | null) => ({
    success: true,
    data: {
      id: uuid(),
      partnerId: uuid(),
      url: u,
      createdAt: isoTimestamp(),
      updatedAt: isoTimestamp(),
    },
  });

  it('registers its webhook URL', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to register the webhook URL')
      .withRequest('PUT', `${P}/webhook-settings`, (b) =>
        b.headers(auth()).jsonBody({ url: 'https://partner.example/hooks/capa' }),
      )
      .willRespondWith(200, (b) => b.jsonBody(settings('https://partner.example/hooks/capa')))
      .executeTest(async (mock) => {
        const s = await client(mock.url).updateWebhookSettings({
          url: 'https://partner.example/hooks/capa',
        });
        expect(s.url).toBe('https://partner.example/hooks/capa');
      }));

  it('resets its webhook URL with url: null', () =>
    http.pact
      .addInteraction()
      .given('a Capa partner', { apiKey: KEY })
      .uponReceiving('a request to reset the webhook URL')
      .withRequest('PUT', `${P}/webhook-settings`, (b) => b.headers(auth()).jsonBody({ url: null }))
      .willRespondWith(200, (b) => b.jsonBody(settings(null)))
      .executeTest(async (mock) => {
        expect((await client(mock.url).updateWebhookSettings({ url: null })).url).toBeNull();
      }));
});

type Interaction = ReturnType<PactV4['addInteraction']>;
type Path = Parameters<Interaction['withRequest']>[1];

/** One documented error row, pinned through the reference client call that meets it. */
interface ErrorRowCase {
  row: string;
  given: string;
  params: Record<string, string>;
  description: string;
  key: string | null;
  request: (
    i: Interaction,
    headers: Record<string, string>,
  ) => ReturnType<Interaction['withRequest']>;
  call: (c: CapaClient) => Promise<unknown>;
  status: number;
  code: string;
  message: string;
  /** A regex the message matches, when it names a seeded id (the example is `message`). */
  messageRule?: string;
}

const partner = (key: string) => ['a Capa partner', { apiKey: key }] as const;
const user = (params: Record<string, string> = {}) =>
  ['a Capa user exists', { apiKey: KEY, type: 'INDIVIDUAL', ...params }] as const;
const newUser = { type: 'INDIVIDUAL' as const, email: 'ada@example.com' };
const postUser =
  (body: unknown = newUser) =>
  (i: Interaction, headers: Record<string, string>) =>
    i.withRequest('POST', `${P}/users`, (b) => b.headers(headers).jsonBody(body));
const postLink =
  (kind: 'kyc' | 'kyb', country: string, path: Path = userPath(`/${kind}/verification-link`)) =>
  (i: Interaction, headers: Record<string, string>) =>
    i.withRequest('POST', path, (b) => b.headers(headers).jsonBody({ country }));
const getDetails = (kind: 'kyc' | 'kyb') => (i: Interaction, headers: Record<string, string>) =>
  i.withRequest('GET', `${P}/${kind}/details`, (b) =>
    b.headers(headers).query({ userId: userIdFromState() }),
  );
const getAgreements =
  (path: Path = userPath('/agreements')) =>
  (i: Interaction, headers: Record<string, string>) =>
    i.withRequest('GET', path, (b) => b.headers(headers));

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const decided = (decision: string) =>
  ["a Capa user's verification was decided", { apiKey: KEY, decision }] as const;
const sent = { country: 'MX', documentType: 'VOTER_ID' as const, personalInfo: PERSONAL_INFO };
/** Transport scenarios by the error-table row they answer with. */
const FORCED = {
  rate_limited: 'TOO_MANY_REQUESTS',
  bad_gateway: 'BAD_GATEWAY',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  gateway_timeout: 'GATEWAY_TIMEOUT',
};
const retry = {
  request: (i: Interaction, headers: Record<string, string>) =>
    i.withRequest('POST', `${P}/webhook-notifications/${UNKNOWN}/retry`, (b) => b.headers(headers)),
  call: (c: CapaClient) => c.retryWebhookNotification(UNKNOWN),
};
const create = { request: postUser(), call: (c: CapaClient) => c.createUser(newUser) };

const rows: ErrorRowCase[] = [
  {
    row: 'API_KEY_MISSING',
    ...given(partner(KEY)),
    description: 'a request to create a user without a partner-api-key',
    key: null,
    request: postUser(),
    call: (c) => c.createUser(newUser),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'API Key is missing',
  },
  {
    row: 'API_KEY_INVALID_FORMAT',
    ...given(partner(KEY)),
    description: 'a request to create a user with a malformed partner-api-key',
    key: 'short!',
    request: postUser(),
    call: (c) => c.createUser(newUser),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'Invalid API Key format',
  },
  {
    row: 'API_KEY_INVALID',
    ...given(partner(KEY)),
    description: 'a request to create a user with an unknown partner-api-key',
    key: 'live_key_nobody_has_000000001',
    request: postUser(),
    call: (c) => c.createUser(newUser),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'Invalid API Key',
  },
  {
    row: 'INVALID_PARTNER_FLOW',
    ...given(partner(INVALID_FLOW_KEY)),
    description: 'a request to create a user from a partner with an invalid flow',
    key: INVALID_FLOW_KEY,
    request: postUser(),
    call: (c) => c.createUser(newUser),
    status: 403,
    code: 'INVALID_PARTNER_FLOW',
    message: 'The partner has an invalid flow.',
  },
  {
    row: 'PARTNER_INFO_REQUIRED',
    ...given(user({ apiKey: NO_INFO_KEY })),
    description: 'a request for a KYC link from a partner without partner information',
    key: NO_INFO_KEY,
    request: postLink('kyc', 'MX'),
    call: (c) => c.createKycLink(USER, { country: 'MX' }),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'Partner information is required for this operation',
  },
  {
    row: 'USER_NOT_ASSOCIATED',
    ...given(user()),
    description: "a request for a KYC link for another partner's user",
    key: OTHER_KEY,
    request: postLink('kyc', 'MX'),
    call: (c) => c.createKycLink(USER, { country: 'MX' }),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'User is not associated with the partner',
  },
  {
    row: 'INVALID_USER_INPUT_ERROR',
    ...given(partner(KEY)),
    description: 'a request to create a user of an unknown type',
    key: KEY,
    request: postUser({ type: 'ROBOT', email: 'ada@example.com' }),
    call: (c) => c.createUser({ type: 'ROBOT' as 'INDIVIDUAL', email: 'ada@example.com' }),
    status: 400,
    code: 'INVALID_USER_INPUT_ERROR',
    message: 'Invalid User Input',
  },
  {
    row: 'INVALID_USER_INPUT_ERROR (link)',
    ...given(partner(KEY)),
    description: 'a request for a KYC link for a userId that is not a UUID',
    key: KEY,
    request: postLink('kyc', 'MX', `${P}/users/not-a-uuid/kyc/verification-link`),
    call: (c) => c.createKycLink('not-a-uuid', { country: 'MX' }),
    status: 400,
    code: 'INVALID_USER_INPUT_ERROR',
    message: 'Invalid User Input',
  },
  {
    row: 'INVALID_EMAIL',
    ...given(partner(KEY)),
    description: 'a request to create a user with an invalid email',
    key: KEY,
    request: postUser({ type: 'INDIVIDUAL', email: 'not-an-email' }),
    call: (c) => c.createUser({ type: 'INDIVIDUAL', email: 'not-an-email' }),
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Provided email is not valid',
  },
  {
    row: 'USER_CREATION_FAILED',
    ...given(partner(KEY)),
    description: 'a request to create a user that Capa fails to create',
    key: KEY,
    request: postUser({ type: 'INDIVIDUAL', email: 'ada@error.capa.test' }),
    call: (c) => c.createUser({ type: 'INDIVIDUAL', email: 'ada@error.capa.test' }),
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'User creation failed',
  },
  {
    row: 'INVALID_VERIFICATION_TYPE_FOR_USER',
    ...given(user({ type: 'BUSINESS' })),
    description: 'a request for a KYC link for a business',
    key: KEY,
    request: postLink('kyc', 'MX'),
    call: (c) => c.createKycLink(USER, { country: 'MX' }),
    status: 400,
    code: 'INVALID_VERIFICATION_TYPE_FOR_USER',
    message: 'BUSINESS users can only request KYB verification',
  },
  {
    row: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
    ...given(user()),
    description: 'a request for a KYC link in a country without a template',
    key: KEY,
    request: postLink('kyc', 'LI'),
    call: (c) => c.createKycLink(USER, { country: 'LI' }),
    status: 400,
    code: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
    message: 'KYC template not configured for LI',
  },
  {
    row: 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
    ...given(user({ type: 'BUSINESS' })),
    description: 'a request for a KYB link in a country without a template',
    key: KEY,
    request: postLink('kyb', 'PL'),
    call: (c) => c.createKybLink(USER, { country: 'PL' }),
    status: 400,
    code: 'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
    message: 'KYB template not configured for PL',
  },
  {
    row: 'NOT_FOUND_ERROR',
    ...given(partner(KEY)),
    description: 'a request for a KYC link for an unknown user',
    key: KEY,
    request: postLink('kyc', 'MX', `${P}/users/${UNKNOWN}/kyc/verification-link`),
    call: (c) => c.createKycLink(UNKNOWN, { country: 'MX' }),
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested User was not found',
  },
  {
    row: 'INTERNAL_SERVER_ERROR',
    ...given(user({ alias: 'link-error' })),
    description: 'a request for a KYC link that Capa fails to create',
    key: KEY,
    request: postLink('kyc', 'MX'),
    call: (c) => c.createKycLink(USER, { country: 'MX' }),
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to create verification link',
  },
  {
    row: 'KYB_NOT_FOUND_ERROR',
    ...given(user({ type: 'BUSINESS' })),
    description: 'a request for the KYB details of a business that has not started',
    key: KEY,
    request: getDetails('kyb'),
    call: (c) => c.kybDetails(USER),
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested KYB verification was not found',
  },
  {
    row: 'KYB_DETAILS_FAILED',
    ...given(user({ type: 'BUSINESS', alias: 'details-error' })),
    description: 'a request for KYB details that Capa fails to read',
    key: KEY,
    request: getDetails('kyb'),
    call: (c) => c.kybDetails(USER),
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to get user KYB details',
  },
  {
    row: 'KYC_NOT_FOUND_ERROR',
    ...given(user()),
    description: 'a request for the KYC details of a user who has not started',
    key: KEY,
    request: getDetails('kyc'),
    call: (c) => c.kycDetails(USER),
    status: 404,
    code: 'NOT_FOUND_ERROR',
    message: 'Requested KYC verification was not found',
  },
  {
    row: 'KYC_DETAILS_FAILED',
    ...given(user({ alias: 'details-error' })),
    description: 'a request for KYC details that Capa fails to read',
    key: KEY,
    request: getDetails('kyc'),
    call: (c) => c.kycDetails(USER),
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to get user KYC details',
  },
  {
    row: 'USER_NOT_ASSOCIATED (agreements)',
    ...given(partner(KEY)),
    description: 'a request for the agreements of a user the partner does not have',
    key: KEY,
    request: getAgreements(`${P}/users/${UNKNOWN}/agreements`),
    call: (c) => c.agreements(UNKNOWN),
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'User is not associated with the partner',
  },
  {
    row: 'AGREEMENTS_FAILED',
    ...given(user({ alias: 'agreements-error' })),
    description: 'a request for agreements that Capa fails to read',
    key: KEY,
    request: getAgreements(),
    call: (c) => c.agreements(USER),
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Failed to read agreements',
  },
  {
    row: 'NOTIFICATION_NOT_FOUND',
    ...given(partner(KEY)),
    description: 'a request for a webhook notification that does not exist',
    key: KEY,
    request: (i, headers) =>
      i.withRequest('GET', `${P}/webhook-notifications/${UNKNOWN}`, (b) => b.headers(headers)),
    call: (c) => c.webhookNotification(UNKNOWN),
    status: 404,
    code: 'NOT_FOUND',
    message: 'Webhook notification not found',
  },
  {
    row: 'USER_CONFLICT',
    ...given(user({ externalUserId: 'ext-1' })),
    description: 'a request to create a user with an externalUserId already taken',
    key: KEY,
    request: postUser({ type: 'INDIVIDUAL', email: 'grace@example.com', externalUserId: 'ext-1' }),
    call: (c) =>
      c.createUser({ type: 'INDIVIDUAL', email: 'grace@example.com', externalUserId: 'ext-1' }),
    status: 409,
    code: 'CONFLICT',
    message: 'User with externalUserId ext-1 already exists',
  },
  {
    row: 'EMAIL_CONFLICT',
    ...given(user({ email: 'ada@example.com' })),
    description: 'a request to create a user with an email already taken',
    key: KEY,
    request: postUser(),
    call: (c) => c.createUser(newUser),
    status: 409,
    code: 'CONFLICT',
    message: 'User with email ada@example.com already exists',
  },
  {
    row: 'VERIFICATION_ALREADY_COMPLETED',
    ...given(decided('VERIFIED')),
    description: 'a request for a KYC link for a verified user',
    key: KEY,
    request: postLink('kyc', 'MX'),
    call: (c) => c.createKycLink(USER, { country: 'MX' }),
    status: 409,
    code: 'CONFLICT',
    message: `User ${USER} has a KYC verification in status VERIFIED; no new link can be generated`,
    messageRule: `^User ${UUID} has a KYC verification in status VERIFIED; no new link can be generated$`,
  },
  {
    row: 'KYC_ALREADY_SUBMITTED',
    ...given(decided('VERIFIED')),
    description: 'a KYC the partner ran itself for a verified user',
    key: KEY,
    request: (i, headers) =>
      i.withRequest('POST', `${P}/kyc/send-verification`, (b) =>
        b.headers(headers).jsonBody({ ...sent, userId: userIdFromState() }),
      ),
    call: (c) => c.sendVerification({ ...sent, userId: USER }),
    status: 409,
    code: 'CONFLICT',
    message: `User ${USER} has a KYC verification in status VERIFIED; no KYC can be sent for it`,
    messageRule: `^User ${UUID} has a KYC verification in status VERIFIED; no KYC can be sent for it$`,
  },
  {
    row: 'ROUTE_NOT_FOUND',
    ...given(partner(KEY)),
    description: 'a request for a path Capa does not have',
    key: KEY,
    request: (i, headers) => i.withRequest('GET', `${P}/nothing-here`, (b) => b.headers(headers)),
    call: (c) => c.request('GET', '/nothing-here'),
    status: 404,
    code: 'NOT_FOUND',
    message: 'Not Found',
  },
  // What Pact cannot provoke by itself (a notification past its retries or never sent, a body over
  // the limit, an outage), from the state "Capa fails the next request": a one-shot fault rule.
  ...(
    [
      ['MANUAL_RETRY_LIMIT', 'a manual retry of a notification retried 3 times', retry],
      ['NOTIFICATION_NOT_RETRYABLE', 'a manual retry of a notification never sent', retry],
      ['PAYLOAD_TOO_LARGE', 'a request to create a user with a body over the limit', create],
      ['rate_limited', 'a request to create a user over the rate limit', create],
      ['bad_gateway', 'a request to create a user answered 502', create],
      ['service_unavailable', 'a request to create a user answered 503', create],
      ['gateway_timeout', 'a request to create a user answered 504', create],
    ] as const
  ).map(([scenario, description, via]): ErrorRowCase => {
    const key = (FORCED as Record<string, string>)[scenario] ?? scenario;
    const row = capaErrors[key as keyof typeof capaErrors];
    return {
      row: key,
      given: 'Capa fails the next request',
      params: { apiKey: KEY, scenario },
      description,
      key: KEY,
      ...via,
      status: row.status,
      code: String(row.code),
      message: row.message,
    };
  }),
];

function given([state, params]: readonly [string, Record<string, string>]) {
  return { given: state, params };
}

describe('Capa error rows (consumer pact)', () => {
  it.each(rows.map((r) => [r.row, r] as const))('pins %s', (_row, r) =>
    r
      .request(
        http.pact.addInteraction().given(r.given, r.params).uponReceiving(r.description),
        r.key === null ? {} : auth(r.key),
      )
      .willRespondWith(r.status, (b) =>
        b.jsonBody({
          statusCode: r.status,
          code: r.code,
          message: r.messageRule ? regex(r.messageRule, r.message) : r.message,
        }),
      )
      .executeTest(async (mock) => {
        expect(await rejection(r.call(client(mock.url, r.key ?? '')))).toEqual({
          status: r.status,
          code: r.code,
          message: r.message,
        });
      }),
  );
});

describe('Capa webhook receiver (message pact)', () => {
  const SECRET = 'capa-pact-webhook-secret';
  // The example body is signed with the secret the state registers, so the receiver's check runs for
  // real. Keys are in alphabetical order because that is how Pact stores, and hands back, a message.
  const body = (event: string) => ({ event, externalUserId: 'ext-42', type: 'KYC', userId: USER });
  const signed = (event: string) =>
    hex(
      64,
      createHmac('sha256', SECRET)
        .update(JSON.stringify(body(event)))
        .digest('hex'),
    );

  it.each([
    ['VERIFIED', 'VERIFIED_USER'],
    ['REJECTED', 'REJECTED_KYC'],
    ['REVIEW_NEEDED', 'REVIEW_NEEDED_KYC'],
  ])('accepts the signed %s webhook (%s)', (decision, event) =>
    hooks.pact
      .addAsynchronousInteraction()
      .given("a Capa user's verification was decided", {
        apiKey: KEY,
        decision,
        externalUserId: 'ext-42',
        webhookSecret: SECRET,
      })
      .expectsToReceive(`a signed ${event} webhook`, (b) =>
        b
          .withJSONContent({ ...body(event), externalUserId: like('ext-42'), userId: uuid() })
          .withMetadata({ 'capa-signature': signed(event), 'content-type': 'application/json' }),
      )
      .executeTest(async (m) => {
        const meta = m.metadata as Record<string, string>;
        const hook = readCapaWebhook(SECRET, JSON.stringify(m.contents.content), meta);
        expect(hook.event).toBe(event);
      }),
  );
});
