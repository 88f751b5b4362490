import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  activeUser,
  createUser,
  expectError,
  initiate,
  kulipa,
  move,
  sandbox,
  setStatus,
  startKyc,
} from './testing.js';

const user = async (sb: ReturnType<typeof sandbox>, id: string) =>
  (await kulipa(sb, 'GET', `/users/${id}`)).body;

describe('Kulipa KYC lifecycle', () => {
  it('makes the user active with a legal name when a full KYC is verified', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, { firstName: 'Grace', lastName: 'Hopper' });
    const kycId = await startKyc(sb, userId);
    const res = await move(sb, kycId, 'verified');
    expect(res.body).toMatchObject({ state: 'verified', link: 'used', next: [] });
    expect(await user(sb, userId)).toMatchObject({
      status: 'active',
      legalName: { firstName: 'Grace', lastName: 'Hopper' },
    });
    expect((await kulipa(sb, 'GET', `/kycs/${kycId}`)).body).toMatchObject({
      status: 'verified',
      submittedAt: expect.any(String),
      completedAt: expect.any(String),
    });
  });

  it('goes through review: pending → submitted → verified', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const kycId = await startKyc(sb, userId);
    expect((await move(sb, kycId, 'submitted')).body).toMatchObject({
      state: 'submitted',
      next: ['verified', 'declined'],
    });
    expect((await user(sb, userId)).status).toBe('unverified');
    await move(sb, kycId, 'verified');
    expect((await user(sb, userId)).status).toBe('active');
  });

  it('keeps the user unverified and records the reason when a KYC is declined', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const kycId = await startKyc(sb, userId);
    await move(sb, kycId, 'declined', 'Document expired');
    expect((await kulipa(sb, 'GET', `/kycs/${kycId}`)).body).toMatchObject({
      status: 'declined',
      declineReason: 'Document expired',
    });
    expect((await user(sb, userId)).status).toBe('unverified');
  });

  it('sets the shipping address when a shipping KYC completes, and leaves the status alone', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, {
      countryOfResidence: 'DE',
      phone: { country: '+49', number: '15112345678' },
    });
    const kycId = await startKyc(sb, userId, 'shipping');
    expect((await call(sb, 'GET', `/_sandbox/sessions/${kycId}`)).body.next).toEqual([
      'verified',
      'expired',
    ]);
    await move(sb, kycId, 'verified');
    const u = await user(sb, userId);
    expect(u.status).toBe('unverified');
    expect(u.shippingAddress).toEqual({
      address: {
        address1: expect.any(String),
        postalCode: expect.any(String),
        city: expect.any(String),
        country: 'DE',
      },
      phone: '+4915112345678',
    });
  });

  it('refuses to decline a shipping form (it can only be filled in)', async () => {
    const sb = sandbox();
    const kycId = await startKyc(sb, await createUser(sb), 'shipping');
    const res = await move(sb, kycId, 'declined');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'illegal_transition',
      hint: 'allowed from pending: verified, expired',
    });
  });

  it('completes an rfi for an active user without changing the user', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    const kycId = await startKyc(sb, userId, 'rfi');
    await move(sb, kycId, 'verified');
    expect((await user(sb, userId)).status).toBe('active');
  });

  it('refuses an illegal move (verified → declined) with a sandbox 409 naming the allowed moves', async () => {
    const sb = sandbox();
    const { kycId } = await activeUser(sb);
    const res = await move(sb, kycId, 'declined');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      type: 'sandbox_error',
      code: 'illegal_transition',
      hint: 'allowed from verified: none (final)',
    });
  });

  it('lets an operator expire a pending KYC, after which a new one starts', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const kycId = await startKyc(sb, userId);
    expect((await move(sb, kycId, 'expired')).body).toMatchObject({
      state: 'expired',
      link: 'expired',
    });
    expect((await initiate(sb, userId)).status).toBe(201);
  });

  it('completes from the hosted webview and redirects with the KYC id and status', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const kyc = (await initiate(sb, userId, 'full', { redirectUri: 'mywallet://kyc?from=kulipa' }))
      .body;
    const res = await sb.app.request(new URL(kyc.url).pathname, {
      method: 'POST',
      body: new URLSearchParams({ state: 'verified' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `mywallet://kyc?from=kulipa&kycId=${kyc.id}&status=verified`,
    );
    expect((await user(sb, userId)).status).toBe('active');
    expect((await call(sb, 'GET', new URL(kyc.url).pathname)).status).toBe(410);
  });
});

describe('Kulipa user status through the admin API (/_sandbox/providers/kulipa)', () => {
  it('freezes an active user and unfreezes it', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    const frozen = await setStatus(sb, userId, 'frozen');
    expect(frozen.body).toMatchObject({
      user: { id: userId, status: 'frozen' },
      next: ['unverified', 'active', 'disabled', 'deleted'],
    });
    expectError(
      await initiate(sb, userId, 'rfi'),
      400,
      'invalid_user_status_error',
      'Cannot initiate a KYC for a frozen user',
    );
    await setStatus(sb, userId, 'active');
    expect((await initiate(sb, userId, 'rfi')).status).toBe(201);
  });

  it('reads a user with its tenant and allowed moves', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await call(sb, 'GET', `/_sandbox/providers/kulipa/users/${userId}`);
    expect(res.body).toMatchObject({
      tenant: 'kulipa_test_key_tenant_one_0001',
      user: { id: userId, status: 'unverified' },
    });
  });

  it('refuses a move the user machine forbids (disabled → active) and unknown users', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await setStatus(sb, userId, 'disabled');
    const res = await setStatus(sb, userId, 'active');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'illegal_transition',
      hint: 'allowed from disabled: deleted',
    });
    expect((await setStatus(sb, 'usr-00000000-0000-4000-8000-000000000000', 'frozen')).status).toBe(
      404,
    );
    const bad = await call(sb, 'POST', `/_sandbox/providers/kulipa/users/${userId}/status`, {
      json: {},
    });
    expect(bad.body.error).toMatchObject({ code: 'status_required' });
  });
});
