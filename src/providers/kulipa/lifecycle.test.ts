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

describe('Kulipa KYC export (GET /v1/kycs/export)', () => {
  it('refuses the export before a KYC is verified: 400 kyc_not_verified_error', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    expectError(
      await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`),
      400,
      'kyc_not_verified_error',
      'User has no verified KYC to export',
    );
    await move(sb, await startKyc(sb, userId), 'submitted');
    expectError(
      await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`),
      400,
      'kyc_not_verified_error',
      'User has no verified KYC to export',
    );
  });

  it('does not count a verified shipping form as identity data', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await move(sb, await startKyc(sb, userId, 'shipping'), 'verified');
    expect((await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`)).status).toBe(400);
  });

  it("exports the verified identity: the user's own data plus faker-filled document data", async () => {
    const sb = sandbox();
    const { userId, kycId } = await activeUser(sb, {
      firstName: 'Grace',
      lastName: 'Hopper',
      dateOfBirth: '1980-12-09',
      countryOfBirth: 'US',
      countryOfResidence: 'FR',
    });
    const res = await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      userId,
      kycId,
      type: 'full',
      status: 'verified',
      verifiedAt: '2025-01-01T00:00:00.000Z',
      identity: {
        firstName: 'Grace',
        lastName: 'Hopper',
        dateOfBirth: '1980-12-09',
        nationality: 'US',
        countryOfResidence: 'FR',
        address: { country: 'FR' },
      },
      document: {
        type: expect.stringMatching(/^(passport|id_card|driving_license)$/),
        number: expect.stringMatching(/^[A-Z0-9]{9}$/),
        issuingCountry: 'US',
      },
      checks: { document: 'passed', selfie: 'passed', watchlist: 'clear' },
    });
    expect(res.body.document.expiryDate > '2025-01-01').toBe(true);
  });

  it('gives the same export for the same seed and another for another seed', async () => {
    const exported = async (seed: string) => {
      const sb = sandbox({ seed });
      const { userId } = await activeUser(sb, { email: 'same@example.com' });
      return (await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`)).body;
    };
    const [a, b, c] = [await exported('s1'), await exported('s1'), await exported('s2')];
    expect(a).toEqual(b);
    expect(c.document).not.toEqual(a.document);
  });

  it('answers 400 for a missing or malformed userId and 404 for an unknown one', async () => {
    const sb = sandbox();
    expectError(
      await kulipa(sb, 'GET', '/kycs/export'),
      400,
      'validation_error',
      'userId is required',
    );
    expectError(
      await kulipa(sb, 'GET', '/kycs/export?userId=usr-6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      400,
      'validation_error',
      'userId must contain a v4 UUID (found version 1)',
    );
    expectError(
      await kulipa(sb, 'GET', '/kycs/export?userId=usr-00000000-0000-4000-8000-000000000000'),
      404,
      'not_found_error',
      'User not found',
    );
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
