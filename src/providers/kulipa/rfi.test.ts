import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver } from '../../../test/helpers.js';
import {
  activeUser,
  createUser,
  initiate,
  kulipa,
  move,
  reviewPage,
  sandbox,
  startKyc,
} from './testing.js';

const ask = (sb: ReturnType<typeof sandbox>, userId: string, requested: unknown) =>
  call(sb, 'POST', `/_sandbox/providers/kulipa/users/${userId}/information-request`, {
    json: { requested },
  });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('Kulipa rfi (request for information)', () => {
  it('asks for a proof of address by default, the docs’ example; other types ask nothing', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    const rfi = await initiate(sb, userId, 'rfi');
    expect(rfi.status).toBe(201);
    expect(rfi.body).toMatchObject({ type: 'rfi', requestedInformation: ['proof_of_address'] });
    const shipping = await initiate(sb, userId, 'shipping');
    expect(shipping.body.requestedInformation).toBeNull();
    expect((await kulipa(sb, 'GET', `/kycs/${rfi.body.id}`)).body.requestedInformation).toEqual([
      'proof_of_address',
    ]);
  });

  it('asks what an operator requested (Kulipa’s compliance), and keeps it on the KYC', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    const res = await ask(sb, userId, ['source_of_funds', 'occupation', 'source_of_funds']);
    expect(res.status).toBe(200);
    expect(res.body.informationRequest).toEqual(['source_of_funds', 'occupation']);
    // The user body (the SDK's model) does not carry it.
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body).not.toHaveProperty(
      'informationRequest',
    );
    const rfi = await initiate(sb, userId, 'rfi');
    expect(rfi.body.requestedInformation).toEqual(['source_of_funds', 'occupation']);
  });

  it('shows what is requested on the hosted page', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    await ask(sb, userId, ['proof_of_address', 'source_of_funds']);
    const rfi = (await initiate(sb, userId, 'rfi')).body;
    const page = await reviewPage(sb, rfi.url);
    expect(page).toContain('Requested information');
    expect(page).toContain('Proof of address, Source of funds');
  });

  it('takes the address on a verified proof of address as the user’s address, and closes the request', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb, { countryOfResidence: 'ES' });
    await ask(sb, userId, ['proof_of_address']);
    await move(sb, await startKyc(sb, userId, 'rfi'), 'verified');
    const user = (await kulipa(sb, 'GET', `/users/${userId}`)).body;
    expect(user.address).toMatchObject({ country: 'ES' });
    expect(user.address.address1.length).toBeGreaterThan(0);
    const admin = await call(sb, 'GET', `/_sandbox/providers/kulipa/users/${userId}`);
    expect(admin.body.informationRequest).toBeNull();
  });

  it('leaves the address alone when no proof of address was asked for', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    await ask(sb, userId, ['source_of_funds']);
    await move(sb, await startKyc(sb, userId, 'rfi'), 'verified');
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.address).toBeNull();
  });

  it('carries the requested items in the envelope webhook’s data', async () => {
    const sb = sandbox({ options: { kulipa: { webhookBody: 'envelope' } } });
    const hook = await receiver();
    closers.push(hook.close);
    await kulipa(sb, 'PUT', '/webhooks', { url: hook.url });
    const { userId } = await activeUser(sb);
    await move(sb, await startKyc(sb, userId, 'rfi'), 'verified');
    await sb.webhooks.flush();
    const verified = hook.received
      .map((r) => JSON.parse(r.body))
      .filter((e) => e.type === 'kyc.verified')
      .at(-1);
    expect(verified.data).toMatchObject({
      type: 'rfi',
      requestedInformation: ['proof_of_address'],
    });
  });

  it('refuses an information request with unknown items or for an unknown user (sandbox 400/404)', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const bad = await ask(sb, userId, ['passport_photo']);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'requested_required' });
    expect(bad.body.error.hint).toContain('proof_of_address');
    expect((await ask(sb, userId, [])).status).toBe(400);
    expect((await ask(sb, 'usr-00000000-0000-4000-8000-000000000000', ['occupation'])).status).toBe(
      404,
    );
  });
});
