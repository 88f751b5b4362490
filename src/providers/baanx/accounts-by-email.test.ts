// Which account an email names, as registrations of one email come and complete: login answers the
// registered account, else the newest unfinished one; each region keeps its own.
import { describe, expect, it } from 'vitest';
import {
  addressStep,
  baanx,
  detailsStep,
  emailStep,
  expectError,
  PASSWORD,
  phoneStep,
  register,
  sandbox,
} from './testing.js';

type SB = ReturnType<typeof sandbox>;
const login = (sb: SB, email: string, us = false) =>
  baanx(sb, 'POST', '/v1/auth/login', { email, password: PASSWORD }, { us });

describe('Baanx accounts by email', () => {
  it('answers login with the newest unfinished registration, then the one that completed', async () => {
    const sb = sandbox();
    const first = await emailStep(sb, { email: 'twice@example.com' });
    await phoneStep(sb, first);
    const second = await emailStep(sb, { email: 'TWICE@example.com' });
    expect((await login(sb, 'twice@example.com')).body).toMatchObject({
      phase: 'PHONE_NUMBER',
      userId: second.onboardingId,
    });
    await detailsStep(sb, first);
    expect((await addressStep(sb, first)).status).toBe(200);
    expect((await login(sb, 'Twice@Example.com')).body).toMatchObject({
      phase: null,
      userId: first.userId,
    });
    await phoneStep(sb, second);
    await detailsStep(sb, second);
    expectError(await addressStep(sb, second), 409, 'Email already registered');
  });

  it('keeps each region’s accounts apart: registered in the US is new internationally', async () => {
    const sb = sandbox();
    const us = await register(sb, { email: 'both@example.com', us: true });
    expect((await login(sb, 'both@example.com', true)).body).toMatchObject({
      phase: null,
      userId: us.userId,
    });
    const intl = await emailStep(sb, { email: 'both@example.com' });
    expect((await login(sb, 'both@example.com')).body).toMatchObject({
      phase: 'PHONE_NUMBER',
      userId: intl.onboardingId,
    });
  });
});
