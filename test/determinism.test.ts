import { describe, expect, it } from 'vitest';
import { capa, createLink, createUser, sessionIdOf } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

async function script(seed?: string) {
  const sb = testSandbox(seed ? { seed } : {});
  const bodies: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    const userId = await createUser(sb, {
      email: `person${i}@example.com`,
      externalUserId: `ext-${i}`,
    });
    const link = await createLink(sb, userId, {
      partnerRedirectUri: 'https://partner.example/back',
    });
    await call(sb, 'POST', `/_sandbox/sessions/${sessionIdOf(link.body.data.kycLink)}/transition`, {
      json: { state: i === 1 ? 'REJECTED' : 'VERIFIED' },
    });
    bodies.push(userId, link.body, (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body);
  }
  bodies.push((await capa(sb, 'GET', '/webhook-settings')).body);
  return JSON.stringify(bodies);
}

describe('determinism', () => {
  it('answers the same requests with the same bytes for the same seed', async () => {
    expect(await script()).toBe(await script());
  });

  it('answers differently for another seed', async () => {
    expect(await script('another seed')).not.toBe(await script());
  });
});
