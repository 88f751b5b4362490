// The provider-state phrasings people write first, for every provider: each names one state of the
// catalogue, no phrasing names two, and every alias's state sets up through a listening harness —
// the states that stand for a refused credential make the vendor's own refusal on the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../src/pact/harness.js';
import { normalize, resolveState } from '../src/pact/state-match.js';
import { providers } from '../src/providers/index.js';

/** What a team writes first → the catalogue sentence it lands on, per provider. */
const FIRST: Record<string, Record<string, string>> = {
  capa: {
    'a user exists': 'a Capa user exists',
    'the link has expired': "a Capa user's verification link has expired",
    'the API key is invalid': 'the Capa API key is invalid',
    'a verification is approved': "a Capa user's verification was decided",
  },
  kulipa: {
    'a user exists': 'a Kulipa user exists',
    'the link has expired': "a Kulipa KYC's webview has expired",
    'the API key is invalid': 'the Kulipa API key is invalid',
    'a verification is approved': 'a Kulipa KYC was decided',
    'a verification link exists': 'a Kulipa KYC is pending',
  },
  faceki: {
    'a client exists': 'a Faceki client',
    'the link has expired': 'a Faceki KYC link has expired',
    'the API key is invalid': 'the Faceki access token is invalid',
    'the client credentials are invalid': 'the Faceki client secret is invalid',
    'a verification is approved': 'a Faceki KYC link was decided',
    'the token has expired': 'a Faceki client has an expired access token',
  },
  gu1: {
    'a user exists': 'a gu1 person entity exists',
    'the link has expired': 'a gu1 KYC validation has expired',
    'the API key is invalid': 'the gu1 API key is invalid',
    'a verification is approved': 'a gu1 KYC validation was decided',
    'a verification link exists': 'a gu1 KYC validation is pending',
  },
  baanx: {
    'a user exists': 'a Baanx user is registered',
    'the API key is invalid': 'the Baanx client key is invalid',
    'a verification is approved': 'a Baanx verification was decided',
    'a verification link exists': 'a Baanx onboarding has a verification session',
    'the onboarding expired': 'a Baanx onboarding has expired',
  },
};

const BAANX_KEY = 'baa0c11e-0000-4000-8000-000000000001';
const byName = (name: string) => providers.find((p) => p.name === name)!;

describe('the phrasings people write first', () => {
  it.each(Object.entries(FIRST))('%s: each lands on its state', (provider, phrasings) => {
    const p = byName(provider);
    const landed = Object.fromEntries(
      Object.keys(phrasings).map((phrase) => [phrase, resolveState(p, phrase)?.name]),
    );
    expect(landed).toEqual(phrasings);
  });

  it.each(providers.map((p) => p.name))('%s: no name or alias means two states', (provider) => {
    const p = byName(provider);
    const owners = new Map<string, string[]>();
    for (const s of p.states ?? [])
      for (const n of [s.name, ...(s.aliases ?? [])]) {
        const key = normalize(n, p.name);
        owners.set(key, [...(owners.get(key) ?? []), s.name]);
      }
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });
});

describe('every alias sets its state up', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  /** A pact's state, set up as the verifier does: matched by name, then its setup. */
  const given = (provider: string, phrase: string) =>
    h.stateHandlers(byName(provider), [phrase])[phrase]!.setup();

  const aliases = providers.flatMap((p) =>
    (p.states ?? []).flatMap((s) => (s.aliases ?? []).map((a) => [p.name, a, s] as const)),
  );

  it.each(aliases)('%s: "%s"', async (provider, alias, state) => {
    h.reset();
    const p = byName(provider);
    expect(resolveState(p, alias)).toBe(state);
    const provided = await given(provider, alias);
    expect(Object.keys(provided).sort()).toEqual(Object.keys(state.provides ?? {}).sort());
  });

  /** A request that succeeds with the default credentials, unless the state refuses them. */
  type Probe = (h: Harness) => Promise<Request>;
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const facekiToken = async (h: Harness) =>
    (
      (await (
        await fetch(
          `${h.url}/faceki/auth/api/access-token?clientId=faceki_test_client_v2&clientSecret=faceki_test_secret_v2_000001`,
        )
      ).json()) as { data: { access_token: string } }
    ).data.access_token;
  const refusals: [string, string, number, Probe][] = [
    [
      'capa',
      'the API key is invalid',
      401,
      async (h) => {
        const r = new Request(
          `${h.url}/capa/api/partner/v2/users`,
          json({ type: 'INDIVIDUAL', email: 'a@example.com' }),
        );
        r.headers.set('partner-api-key', 'capa_test_partner_key_000000000001');
        return r;
      },
    ],
    [
      'kulipa',
      'the API key is invalid',
      401,
      async (h) => {
        const r = new Request(
          `${h.url}/kulipa/v1/users`,
          json({
            firstName: 'Ada',
            lastName: 'Lovelace',
            email: 'a@example.com',
            countryOfResidence: 'FR',
          }),
        );
        r.headers.set('x-api-key', 'kulipa_test_key_tenant_one_0001');
        return r;
      },
    ],
    [
      'faceki',
      'the API key is invalid',
      401,
      async (h) =>
        new Request(`${h.url}/faceki/kycverify/api/kycverify/kyc-verify-summary`, {
          headers: { authorization: `Bearer ${await facekiToken(h)}` },
        }),
    ],
    [
      'faceki',
      'the client credentials are invalid',
      401,
      async (h) =>
        new Request(
          `${h.url}/faceki/auth/api/access-token?clientId=faceki_test_client_v2&clientSecret=faceki_test_secret_v2_000001`,
        ),
    ],
    [
      'gu1',
      'the API key is invalid',
      401,
      async (h) => {
        const r = new Request(
          `${h.url}/gu1/api/entities`,
          json({ type: 'person', name: 'Ada Lovelace', countryCode: 'AR' }),
        );
        r.headers.set('authorization', 'Bearer gk_sandbox_org1_5f0c2a9e00000001');
        return r;
      },
    ],
    [
      'baanx',
      'the API key is invalid',
      498,
      async (h) =>
        new Request(`${h.url}/baanx/v1/auth/settings`, { headers: { 'x-client-key': BAANX_KEY } }),
    ],
    [
      'baanx',
      'unauthorized',
      401,
      async (h) => {
        const { accessToken } = await given('baanx', 'a user exists');
        return new Request(`${h.url}/baanx/v1/user`, {
          headers: { 'x-client-key': BAANX_KEY, authorization: `Bearer ${String(accessToken)}` },
        });
      },
    ],
  ];

  it.each(refusals)(
    '%s: "%s" answers %i where the credentials pass without it',
    async (provider, phrase, status, probe) => {
      h.reset();
      const control = await fetch(await probe(h));
      expect(control.status).toBeLessThan(300);
      await control.body?.cancel();
      h.reset();
      const request = await probe(h);
      await given(provider, phrase);
      const res = await fetch(request);
      expect(res.status).toBe(status);
      await res.body?.cancel();
    },
  );

  it('baanx: "a verification is approved" polls as VERIFIED, and a session link opens its page', async () => {
    h.reset();
    const key = { 'x-client-key': BAANX_KEY };
    const decided = await given('baanx', 'a verification is approved');
    const onboarding = await fetch(
      `${h.url}/baanx/v1/auth/register?onboardingId=${String(decided.onboardingId)}`,
      { headers: key },
    );
    expect(await onboarding.json()).toMatchObject({ verificationState: 'VERIFIED' });
    const session = await given('baanx', 'a link exists');
    const page = await fetch(`${h.url}/verify/baanx/${String(session.sessionId)}`);
    expect(page.status).toBe(200);
    await page.body?.cancel();
  });
});
