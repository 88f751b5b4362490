// Example: a team's own consumer test for Kulipa, written the way any team writes one (its own fetch
// code, PactV4), naming provider states from the sandbox's catalogue. The pact it writes is checked
// with: npx kyc-sandbox verify examples/pacts   (see docs/contract-testing.md)
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';

const { regex, like, fromProviderState } = MatchersV3;

// --- the app's code under test: how "my wallet app" starts and follows a Kulipa KYC -------------
interface KycLink {
  kycId: string;
  openUrl: string;
  status: string;
}

async function startKyc(baseUrl: string, apiKey: string, userId: string): Promise<KycLink> {
  const res = await fetch(`${baseUrl}/kycs`, {
    method: 'PUT',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ userId, type: 'full', redirectUri: 'mywallet://kyc-done' }),
  });
  if (!res.ok) throw new Error(`Kulipa answered ${res.status}`);
  const kyc = (await res.json()) as { id: string; url: string; status: string };
  return { kycId: kyc.id, openUrl: kyc.url, status: kyc.status };
}

async function needsRestart(baseUrl: string, apiKey: string, kycId: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/kycs/${kycId}`, { headers: { 'x-api-key': apiKey } });
  const kyc = (await res.json()) as { status: string };
  return kyc.status === 'expired';
}

// --- the consumer pact ----------------------------------------------------------------------------
const API_KEY = 'kulipa_test_key_tenant_one_0001';
const USER_ID = 'usr-7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
const KYC_ID = 'kyc-6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const PACTS = fileURLToPath(new URL('./pacts', import.meta.url));

const pact = new PactV4({
  consumer: 'my-wallet-app',
  provider: 'kulipa',
  dir: PACTS,
  logLevel: 'error',
});
// Pact merges into an existing file: start from a clean one so renamed interactions do not linger.
beforeAll(() => rmSync(`${PACTS}/my-wallet-app-kulipa.json`, { force: true }));

describe('my wallet app, as a Kulipa consumer', () => {
  it('starts a full KYC and gets the webview to open', () =>
    pact
      .addInteraction()
      // A sentence from `kyc-sandbox states --provider kulipa`; the sandbox creates the user and
      // hands back its id, which the request picks up through fromProviderState.
      .given('a Kulipa user exists', { apiKey: API_KEY })
      .uponReceiving('a request to start a full KYC')
      .withRequest('PUT', '/v1/kycs', (b) =>
        b.headers({ 'x-api-key': API_KEY, 'content-type': 'application/json' }).jsonBody({
          userId: fromProviderState('${userId}', USER_ID),
          type: 'full',
          redirectUri: 'mywallet://kyc-done',
        }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          id: regex('^kyc-[0-9a-f-]{36}$', KYC_ID),
          status: 'pending',
          url: like('https://kulipa.example/kyc/webview'),
        }),
      )
      .executeTest(async (mock) => {
        const link = await startKyc(`${mock.url}/v1`, API_KEY, USER_ID);
        expect(link.status).toBe('pending');
      }));

  it('offers a restart when the webview has expired', () =>
    pact
      .addInteraction()
      .given("a Kulipa KYC's webview has expired", { apiKey: API_KEY })
      .uponReceiving('a request for a KYC whose webview expired')
      .withRequest('GET', fromProviderState('/v1/kycs/${kycId}', `/v1/kycs/${KYC_ID}`), (b) =>
        b.headers({ 'x-api-key': API_KEY }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ id: regex('^kyc-[0-9a-f-]{36}$', KYC_ID), status: 'expired' }),
      )
      .executeTest(async (mock) => {
        expect(await needsRestart(`${mock.url}/v1`, API_KEY, KYC_ID)).toBe(true);
      }));
});
