// The community app plugin providers.md §1.11 describes: it "reads the link as `data.kycLink` (the
// unwrapped prose example)", i.e. the body of the per-user KYC link call is `{kycLink}` as the page's
// prose shows it, not the `{success, data: {kycLink}}` of its schema. providers.md §1.11 names no
// repository, path or commit for it, so this replays only that documented behaviour: the plugin's
// request (the documented path, partner-api-key, a JSON {country, partnerRedirectUri}) and its read.
import { describe, expect, it } from 'vitest';
import { createUser, KEY } from '../../src/providers/capa/testing.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, testSandbox } from '../helpers.js';

/** The plugin's call: `const data = <response body>; return data.kycLink`. */
async function pluginKycLink(sb: Sandbox, userId: string): Promise<string | undefined> {
  const res = await call<{ kycLink?: string }>(
    sb,
    'POST',
    `/capa/api/partner/v2/users/${userId}/kyc/verification-link`,
    {
      headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ country: 'MX', partnerRedirectUri: 'myapp://kyc/done' }),
    },
  );
  expect(res.status).toBe(201);
  const data = res.body;
  return data.kycLink;
}

describe('a community app plugin that reads data.kycLink (providers.md §1.11)', () => {
  it('gets its link with envelope=prose, the variant that answers the unwrapped prose example', async () => {
    const sb = testSandbox({ options: { capa: { envelope: 'prose' } } });
    expect(await pluginKycLink(sb, await createUser(sb))).toMatch(
      /^http:\/\/sandbox\.test\/verify\/capa\/[0-9a-f-]{36}$/,
    );
  });

  it('finds no link under the default envelope, which follows the schema ({success, data})', async () => {
    const sb = testSandbox();
    expect(await pluginKycLink(sb, await createUser(sb))).toBeUndefined();
  });
});
