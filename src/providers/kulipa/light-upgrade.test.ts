import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver } from '../../../test/helpers.js';
import {
  createUser,
  expectError,
  initiate,
  kulipa,
  move,
  reviewPage,
  sandbox,
  startKyc,
} from './testing.js';

const light = () => sandbox({ options: { kulipa: { lightKyc: 'allow' } } });
const BR = { countryOfResidence: 'BR' }; // light is "not available for EU + UK users"

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function hooked(sb: ReturnType<typeof sandbox>) {
  const hook = await receiver();
  closers.push(hook.close);
  await kulipa(sb, 'PUT', '/webhooks', { url: hook.url });
  return () => hook.received.map((r) => JSON.parse(r.body).eventName as string);
}

describe('Kulipa light → full upgrade (older docs; option lightKyc=allow)', () => {
  it('activates the user on a verified light KYC, which is not exportable', async () => {
    const sb = light();
    const userId = await createUser(sb, BR);
    await move(sb, await startKyc(sb, userId, 'light'), 'verified');
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.status).toBe('active');
    expectError(
      await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`),
      400,
      'kyc_not_verified_error',
      'The user must have a verified full KYC on record',
    );
  });

  it('upgrades with a full KYC on the same user: the user stays active, the export opens', async () => {
    const sb = light();
    const events = await hooked(sb);
    const userId = await createUser(sb, BR);
    await move(sb, await startKyc(sb, userId, 'light'), 'verified');
    expectError(
      await initiate(sb, userId, 'light'),
      400,
      'user_already_verified_error',
      'User is already verified; a full KYC upgrades a light one',
    );
    const full = await initiate(sb, userId, 'full');
    expect(full.status).toBe(201);
    await move(sb, full.body.id, 'verified');
    await sb.webhooks.flush();
    // One activation (by the light KYC); the upgrade sends only its kyc.verified.
    expect(events().filter((e) => e === 'user.activated')).toHaveLength(1);
    expect(events().filter((e) => e === 'kyc.verified')).toHaveLength(2);
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.status).toBe('active');
    expect((await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`)).status).toBe(200);
    expectError(
      await initiate(sb, userId, 'full'),
      400,
      'user_already_verified_error',
      'User has already completed a full KYC',
    );
  });

  it('ends a light KYC in full_required: webhook, reason, user unverified, a new light refused', async () => {
    const sb = light();
    const events = await hooked(sb);
    const userId = await createUser(sb, BR);
    const kycId = await startKyc(sb, userId, 'light');
    const moved = await move(sb, kycId, 'full_required', 'Spending over the light limit');
    expect(moved.status).toBe(200);
    await sb.webhooks.flush();
    expect(events()).toContain('kyc.full_required');
    expect((await kulipa(sb, 'GET', `/kycs/${kycId}`)).body).toMatchObject({
      status: 'full_required',
      declineReason: 'Spending over the light limit',
      completedAt: '2025-01-01T00:00:00.000Z',
    });
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.status).toBe('unverified');
    const page = await call(
      sb,
      'GET',
      new URL((await kulipa(sb, 'GET', `/kycs/${kycId}`)).body.url).pathname,
    );
    expect(page.text).toContain('Your app will ask you for a full check with your ID.');
    expectError(
      await initiate(sb, userId, 'light'),
      400,
      'full_kyc_required_error',
      'A light KYC could not be completed for this user: a full KYC is required',
    );
    expect((await initiate(sb, userId, 'full')).status).toBe(201);
  });

  it('offers "Require a full KYC" on a light KYC’s page only; other types refuse the move', async () => {
    const sb = light();
    const userId = await createUser(sb, BR);
    const lightKyc = (await initiate(sb, userId, 'light')).body;
    expect(await reviewPage(sb, lightKyc.url)).toContain('data-state="full_required"');
    const full = (await initiate(sb, await createUser(sb, BR), 'full')).body;
    expect(await reviewPage(sb, full.url)).not.toContain('data-state="full_required"');
    const res = await move(sb, full.id, 'full_required');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
  });
});

describe('Kulipa full-followup KYC (older docs; option fullFollowupKyc=allow)', () => {
  it('is a full KYC by a second provider: it activates the user and is exported', async () => {
    const sb = sandbox({ options: { kulipa: { fullFollowupKyc: 'allow' } } });
    const userId = await createUser(sb);
    await move(sb, await startKyc(sb, userId), 'declined', 'Document could not be verified');
    const res = await initiate(sb, userId, 'full-followup');
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('full-followup');
    await move(sb, res.body.id, 'verified');
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.status).toBe('active');
    expect((await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`)).status).toBe(200);
    expectError(
      await initiate(sb, userId, 'full'),
      400,
      'user_already_verified_error',
      'User has already completed a full KYC',
    );
  });
});
