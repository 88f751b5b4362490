// Kulipa reading a KYC back (GET /v1/kycs/{kycId}, sandbox addition).
import { describe, expect, it } from 'vitest';
import { createUser, expectError, kulipa, move, sandbox, startKyc } from './testing.js';

describe('Kulipa read a KYC back (GET /v1/kycs/{kycId}, sandbox addition)', () => {
  it('reads the KYC with its current status', async () => {
    const sb = sandbox();
    const kycId = await startKyc(sb, await createUser(sb));
    await move(sb, kycId, 'submitted');
    expect((await kulipa(sb, 'GET', `/kycs/${kycId}`)).body).toMatchObject({
      id: kycId,
      status: 'submitted',
      submittedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const sb = sandbox();
    expectError(
      await kulipa(sb, 'GET', '/kycs/kyc-1'),
      400,
      'validation_error',
      "kycId must be 'kyc-' followed by a v4 UUID",
    );
    expectError(
      await kulipa(sb, 'GET', '/kycs/kyc-00000000-0000-4000-8000-000000000000'),
      404,
      'not_found_error',
      'KYC not found',
    );
  });
});
