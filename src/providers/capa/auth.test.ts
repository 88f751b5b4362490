import { describe, it } from 'vitest';
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

  it('accepts any well-formed key with the capa_test_ prefix as a fresh tenant', async () => {
    const sb = testSandbox();
    await createUser(sb, {}, 'capa_test_ci_job_42_abcdefghijkl');
  });
});
