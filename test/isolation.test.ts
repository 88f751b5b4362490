import { describe, expect, it } from 'vitest';
import { capa, createLink, createUser, KEY, OTHER_KEY } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

describe('tenant isolation', () => {
  it("keeps two keys' users, links and notification logs apart", async () => {
    const sb = testSandbox();
    const mine = await createUser(sb, { externalUserId: 'same-ext' });
    const theirs = await createUser(sb, { externalUserId: 'same-ext' }, OTHER_KEY); // same externalUserId is fine across partners
    expect(mine).not.toBe(theirs);
    expect((await createLink(sb, theirs)).status).toBe(401);
    expect(
      (await capa(sb, 'GET', `/kyb/details?userId=${mine}`, undefined, OTHER_KEY)).status,
    ).toBe(401);
    expect(
      (await call(sb, 'GET', `/_sandbox/sessions?provider=capa&tenant=${OTHER_KEY}`)).body,
    ).toEqual([]);
  });

  it("keeps each tenant's clock: advancing one expires only its links", async () => {
    const sb = testSandbox();
    const a = (await createLink(sb, await createUser(sb))).body.data.kycLink;
    const b = (await createLink(sb, await createUser(sb, {}, OTHER_KEY), {}, OTHER_KEY)).body.data
      .kycLink;
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'capa', tenant: KEY, by: '25h' },
    });
    expect((await call(sb, 'GET', new URL(a).pathname)).status).toBe(410);
    expect((await call(sb, 'GET', new URL(b).pathname)).status).toBe(200);
  });

  it("keeps each tenant's journal", async () => {
    const sb = testSandbox();
    await createUser(sb);
    await createUser(sb, {}, OTHER_KEY);
    await createUser(sb, {}, OTHER_KEY);
    expect(
      (await call(sb, 'GET', `/_sandbox/journal?provider=capa&tenant=${KEY}`)).body,
    ).toHaveLength(1);
    expect(
      (await call(sb, 'GET', `/_sandbox/journal?provider=capa&tenant=${OTHER_KEY}`)).body,
    ).toHaveLength(2);
  });
});
