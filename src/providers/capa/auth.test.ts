// Capa partner-api-key: the auth stage, in the order and with the messages Capa documents.
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../../test/helpers.js';
import { capa, createLink, createUser, expectError, OTHER_KEY } from './testing.js';

describe('Capa partner-api-key', () => {
  it('answers 401 "API Key is missing" without the header', async () => {
    expectError(
      await capa(testSandbox(), 'POST', '/users', { type: 'INDIVIDUAL', email: 'a@b.co' }, null),
      401,
      'UNAUTHORIZED',
      'API Key is missing',
    );
  });

  it('answers 401 "Invalid API Key format" for a malformed key', async () => {
    expectError(
      await capa(testSandbox(), 'POST', '/users', {}, 'short!'),
      401,
      'UNAUTHORIZED',
      'Invalid API Key format',
    );
  });

  it('answers 401 "Invalid API Key" for a well-formed unknown key', async () => {
    expectError(
      await capa(
        testSandbox(),
        'GET',
        '/webhook-notifications',
        undefined,
        'live_key_abcdefghijklmnopqrstuvwxyz',
      ),
      401,
      'UNAUTHORIZED',
      'Invalid API Key',
    );
  });

  it('answers 403 INVALID_PARTNER_FLOW for the fixture partner with a broken flow', async () => {
    expectError(
      await capa(
        testSandbox(),
        'POST',
        '/users',
        { type: 'INDIVIDUAL', email: 'a@b.co' },
        'capa_test_invalid_flow_key_00000001',
      ),
      403,
      'INVALID_PARTNER_FLOW',
      'The partner has an invalid flow.',
    );
  });

  it('answers 401 "Partner information is required" on a userId call from a partner without info', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb, {}, 'capa_test_no_partner_info_key_0001');
    expectError(
      await createLink(sb, userId, {}, 'capa_test_no_partner_info_key_0001'),
      401,
      'UNAUTHORIZED',
      'Partner information is required for this operation',
    );
  });

  it('answers 401 "User is not associated with the partner" for another partner\'s user', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    expectError(
      await createLink(sb, userId, {}, OTHER_KEY),
      401,
      'UNAUTHORIZED',
      'User is not associated with the partner',
    );
    expectError(
      await capa(sb, 'GET', `/kyc/details?userId=${userId}`, undefined, OTHER_KEY),
      401,
      'UNAUTHORIZED',
      'User is not associated with the partner',
    );
  });

  it('checks the key before the body, and partner information before the userId', async () => {
    const sb = testSandbox();
    expectError(
      await capa(sb, 'POST', '/users', { type: 'ROBOT' }, null),
      401,
      'UNAUTHORIZED',
      'API Key is missing',
    );
    expectError(
      await createLink(sb, 'not-a-uuid', { country: 'AR' }, 'capa_test_no_partner_info_key_0001'),
      401,
      'UNAUTHORIZED',
      'Partner information is required for this operation',
    );
  });

  it('lets a partner without partner information create users and read its webhook settings', async () => {
    const sb = testSandbox();
    const key = 'capa_test_no_partner_info_key_0001';
    await createUser(sb, {}, key);
    expect((await capa(sb, 'GET', '/webhook-settings', undefined, key)).status).toBe(200);
  });

  it('checks the key on a HEAD of a documented path', async () => {
    const res = await testSandbox().app.request('/capa/api/partner/v2/webhook-settings', {
      method: 'HEAD',
    });
    expect(res.status).toBe(401);
  });

  it("answers an unknown path with Capa's 404 whatever the key", async () => {
    expectError(
      await capa(testSandbox(), 'GET', '/nothing-here', undefined, null),
      404,
      'NOT_FOUND',
      'Not Found',
    );
  });

  it('accepts any well-formed key with the capa_test_ prefix as a fresh tenant', async () => {
    const sb = testSandbox();
    await createUser(sb, {}, 'capa_test_ci_job_42_abcdefghijkl');
  });
});
