// Capa user agreements (GET /users/{userId}/agreements): the document-signature templates for the
// user's country, and the rows the page lists (ownership 401s, 500; no 400 or 404).
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../../test/helpers.js';
import { capa, createLink, createUser, expectError, OTHER_KEY } from './testing.js';

describe('Capa user agreements', () => {
  it("lists the templates of the user's KYC country: {success, data: [{name, language, url}]}", async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    await createLink(sb, userId, { country: 'MX' });
    const res = await capa(sb, 'GET', `/users/${userId}/agreements`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: [
        {
          name: 'CONTRACT',
          language: 'ES',
          url: 'https://media.sandbox.invalid/capa/agreements/MX/contract-es.pdf',
        },
        {
          name: 'TERMS_AND_CONDITIONS',
          language: 'ES',
          url: 'https://media.sandbox.invalid/capa/agreements/MX/terms_and_conditions-es.pdf',
        },
      ],
    });
  });

  it('lists the English templates before any verification, and for a KYB in the US', async () => {
    const sb = testSandbox();
    const fresh = await capa(sb, 'GET', `/users/${await createUser(sb)}/agreements`);
    expect(fresh.body.data.map((a: { language: string }) => a.language)).toEqual(['EN', 'EN']);
    const biz = await createUser(sb, { type: 'BUSINESS' });
    await createLink(sb, biz, { country: 'US' }, undefined, 'kyb');
    const us = await capa(sb, 'GET', `/users/${biz}/agreements`);
    expect(us.body.data[0].url).toContain('/agreements/US/');
  });

  it.each([
    ["another partner's user", 'other'],
    ['an unknown user', '00000000-0000-4000-8000-000000000000'],
    ['a userId that is not a UUID', 'not-a-uuid'],
  ])(
    'answers 401 "User is not associated with the partner" for %s (the page lists no 400 or 404)',
    async (_what, id) => {
      const sb = testSandbox();
      const userId = id === 'other' ? await createUser(sb, {}, OTHER_KEY) : id;
      expectError(
        await capa(sb, 'GET', `/users/${userId}/agreements`),
        401,
        'UNAUTHORIZED',
        'User is not associated with the partner',
      );
    },
  );

  it('answers 401 "Partner information is required" for a partner without partner information', async () => {
    const sb = testSandbox();
    const key = 'capa_test_no_partner_info_key_0001';
    expectError(
      await capa(sb, 'GET', `/users/${await createUser(sb, {}, key)}/agreements`, undefined, key),
      401,
      'UNAUTHORIZED',
      'Partner information is required for this operation',
    );
  });

  it('answers 500 "Failed to read agreements" for the agreements-error alias', async () => {
    const sb = testSandbox();
    expectError(
      await capa(
        sb,
        'GET',
        `/users/${await createUser(sb, { alias: 'agreements-error' })}/agreements`,
      ),
      500,
      'INTERNAL_SERVER_ERROR',
      'Failed to read agreements',
    );
  });
});
