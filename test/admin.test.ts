import { describe, expect, it } from 'vitest';
import { capa, createLink, createUser, KEY, OTHER_KEY } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

const admin = (sb: ReturnType<typeof testSandbox>, method: string, path: string, json?: unknown) =>
  call(sb, method, `/_sandbox${path}`, { json });

describe('admin API', () => {
  it('reports health and the mounted providers with base URLs and default credentials', async () => {
    const sb = testSandbox();
    expect((await admin(sb, 'GET', '/health')).body).toMatchObject({
      status: 'ok',
      seed: 'kyc-sandbox',
      providers: expect.arrayContaining(['capa']),
    });
    const providers = (await admin(sb, 'GET', '/providers')).body;
    expect(providers.find((p: { name: string }) => p.name === 'capa')).toMatchObject({
      baseUrl: 'http://sandbox.test/capa',
      credentials: expect.arrayContaining([
        { header: 'partner-api-key', value: KEY, note: 'default credentials' },
      ]),
      options: { envelope: 'documented', linkStatus: '201', linkTtl: '24h' },
    });
  });

  it('lists scenarios named after the vendor error table plus transport failures', async () => {
    const names = (await admin(testSandbox(), 'GET', '/scenarios?provider=capa')).body.map(
      (s: { name: string }) => s.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'NOT_FOUND_ERROR',
        'INVALID_PARTNER_FLOW',
        'rate_limited',
        'internal_error',
        'bad_gateway',
        'service_unavailable',
        'gateway_timeout',
        'slow',
        'drop_connection',
      ]),
    );
  });

  it('answers 429 with Retry-After in the vendor envelope for the rate_limited scenario', async () => {
    const res = await capa(testSandbox(), 'GET', '/webhook-notifications', undefined, KEY, {
      'x-sandbox-scenario': 'rate_limited',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Too Many Requests',
    });
  });

  it.each([
    [502, 'bad_gateway'],
    [503, 'service_unavailable'],
    [504, 'gateway_timeout'],
  ])('answers %i for the %s scenario', async (status, scenario) => {
    const res = await capa(testSandbox(), 'GET', '/webhook-notifications', undefined, KEY, {
      'x-sandbox-scenario': scenario,
    });
    expect([res.status, res.body.statusCode]).toEqual([status, status]);
  });

  it('answers an unknown scenario with a sandbox error and a hint', async () => {
    const res = await capa(testSandbox(), 'GET', '/webhook-notifications', undefined, KEY, {
      'x-sandbox-scenario': 'nope',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: 'sandbox_error',
      code: 'unknown_scenario',
      hint: 'GET /_sandbox/scenarios?provider=capa lists them',
    });
  });

  it('adds latency with the slow scenario', async () => {
    const sb = testSandbox();
    const started = performance.now();
    await capa(sb, 'GET', '/webhook-notifications', undefined, KEY, {
      'x-sandbox-scenario': 'slow=120',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("fails a tenant's next two matching calls, then succeeds (fault rule with times)", async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const rule = await admin(sb, 'POST', '/faults', {
      provider: 'capa',
      tenant: KEY,
      operation: 'createKycVerificationLink',
      status: 503,
      times: 2,
    });
    expect(rule.status).toBe(201);
    expect((await admin(sb, 'GET', '/faults')).body).toHaveLength(1);
    expect((await capa(sb, 'GET', '/webhook-notifications')).status).toBe(200); // another operation
    expect((await createLink(sb, await createUser(sb, {}, OTHER_KEY), {}, OTHER_KEY)).status).toBe(
      201,
    ); // another tenant
    expect((await createLink(sb, userId)).status).toBe(503);
    expect((await createLink(sb, userId)).status).toBe(503);
    expect((await createLink(sb, userId)).status).toBe(201);
    expect((await admin(sb, 'GET', '/faults')).body).toEqual([]);
    const journal = (
      await admin(
        sb,
        'GET',
        `/journal?provider=capa&tenant=${KEY}&operation=createKycVerificationLink`,
      )
    ).body;
    expect(journal.map((e: { status: number }) => e.status)).toEqual([201, 503, 503]);
    expect(journal[1].scenario).toMatch(/^rule flt_1/);
  });

  it('applies a fault rule with a probability deterministically for a seed', async () => {
    const run = async () => {
      const sb = testSandbox({ seed: 'prob' });
      await admin(sb, 'POST', '/faults', {
        provider: 'capa',
        scenario: 'internal_error',
        probability: 0.5,
      });
      const statuses = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await capa(sb, 'GET', '/webhook-notifications')).status);
      return statuses;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('deletes a fault rule, and refuses bad rules with hints', async () => {
    const sb = testSandbox();
    const { body } = await admin(sb, 'POST', '/faults', { provider: 'capa', latencyMs: 10 });
    expect((await admin(sb, 'DELETE', `/faults/${body.id}`)).status).toBe(204);
    expect((await admin(sb, 'DELETE', `/faults/${body.id}`)).status).toBe(404);
    for (const [rule, code] of [
      [{ status: 503 }, 'provider_required'],
      [{ provider: 'nope', status: 503 }, 'unknown_provider'],
      [{ provider: 'capa', operation: 'nope', status: 503 }, 'unknown_operation'],
      [{ provider: 'capa', status: 418 }, 'unknown_status'],
      [{ provider: 'capa', scenario: 'nope' }, 'unknown_scenario'],
      [{ provider: 'capa', status: 503, times: 0 }, 'bad_times'],
      [{ provider: 'capa', status: 503, probability: 2 }, 'bad_probability'],
      [{ provider: 'capa' }, 'empty_fault'],
    ] as const) {
      const res = await admin(sb, 'POST', '/faults', rule);
      expect([res.status, res.body.error.code]).toEqual([
        res.body.error.code === 'unknown_provider' ? 404 : 400,
        code,
      ]);
    }
  });

  it('advances and sets the clock per tenant, refusing bad durations and moving backwards', async () => {
    const sb = testSandbox();
    const t = await admin(sb, 'POST', '/clock/advance', {
      provider: 'capa',
      tenant: KEY,
      by: '7d',
    });
    expect(t.body.now).toBe('2025-01-08T00:00:00.000Z');
    expect((await admin(sb, 'GET', `/clock?provider=capa&tenant=${OTHER_KEY}`)).body.now).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    expect((await admin(sb, 'POST', '/clock/set', { to: '2025-02-01T00:00:00Z' })).body.now).toBe(
      '2025-02-01T00:00:00.000Z',
    );
    expect((await admin(sb, 'POST', '/clock/advance', { by: 'soon' })).body.error.code).toBe(
      'bad_duration',
    );
    expect(
      (await admin(sb, 'POST', '/clock/set', { to: '2024-01-01T00:00:00Z' })).body.error.code,
    ).toBe('clock_backwards');
    expect(
      (await admin(sb, 'POST', '/clock/advance', { tenant: KEY, by: '1h' })).body.error.code,
    ).toBe('tenant_needs_provider');
    expect(
      (
        await call(sb, 'POST', '/_sandbox/clock/advance', {
          body: '{not json',
          headers: { 'content-type': 'application/json' },
        })
      ).body.error.code,
    ).toBe('bad_json');
  });

  it('lists sessions by provider, tenant and state', async () => {
    const sb = testSandbox();
    await createLink(sb, await createUser(sb));
    await createLink(sb, await createUser(sb, {}, OTHER_KEY), {}, OTHER_KEY);
    expect((await admin(sb, 'GET', '/sessions?provider=capa')).body).toHaveLength(2);
    const mine = (await admin(sb, 'GET', `/sessions?provider=capa&tenant=${KEY}&state=IN_PROGRESS`))
      .body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      provider: 'capa',
      tenant: 'capa…0001', // keys are shown masked
      state: 'IN_PROGRESS',
      link: 'live',
      next: ['VERIFIED', 'REJECTED', 'REVIEW_NEEDED'],
    });
    expect((await admin(sb, 'GET', '/sessions/nope')).status).toBe(404);
    expect(
      (await admin(sb, 'POST', `/sessions/${mine[0].id}/transition`, {})).body.error,
    ).toMatchObject({
      code: 'state_required',
      hint: 'from IN_PROGRESS: VERIFIED, REJECTED, REVIEW_NEEDED',
    });
  });

  it('resets one tenant without touching another, and everything at once', async () => {
    const sb = testSandbox();
    const mine = await createUser(sb);
    const theirs = await createUser(sb, {}, OTHER_KEY);
    await admin(sb, 'POST', '/reset', { provider: 'capa', tenant: KEY });
    expect((await createLink(sb, mine)).status).toBe(404);
    expect((await createLink(sb, theirs, {}, OTHER_KEY)).status).toBe(201);
    await admin(sb, 'POST', '/reset');
    expect((await createLink(sb, theirs, {}, OTHER_KEY)).status).toBe(404);
    expect((await admin(sb, 'GET', '/snapshot')).body).toEqual({});
  });

  it('answers unknown paths: the vendor 404 under a provider, a sandbox 404 elsewhere', async () => {
    const sb = testSandbox();
    expect((await capa(sb, 'GET', '/nothing-here')).body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Not Found',
    });
    const other = await call(sb, 'GET', '/elsewhere');
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ type: 'sandbox_error', code: 'no_route' });
  });

  it('redacts credentials in the journal', async () => {
    const sb = testSandbox();
    await createUser(sb);
    const [entry] = (await admin(sb, 'GET', '/journal?provider=capa')).body;
    expect(entry.requestHeaders['partner-api-key']).toBe('capa…0001');
    expect(entry).toMatchObject({
      operation: 'createUser',
      status: 201,
      requestBody: { type: 'INDIVIDUAL' },
      responseBody: { success: true },
    });
  });
});
