// Kulipa's documented integration flow against the sandbox, for the KYC calls.
//
// No client that providers.md names makes a KYC call: the .NET SDK's KycsResource is empty
// (Beans-BV/kulipa-dotnet-sdk @ 75815c6, Kulipa.Sdk/Resources/KycsResource.cs) and the third-party
// TS client only creates users. So this sequence follows Kulipa's own pages as providers.md quotes
// them: onboarding-flow (create user → PUT /v1/kycs {userId, type: "full"} → the webview → "Once the
// KYC is verified, the user becomes active"), kyc-export (active user, verified full KYC), the FAQ
// (the phone changes through its dedicated PUT), updateuseraddress ("Users who have undergone KYC must
// complete a new KYC process to update their address") and createkyc's rfi ("For instance a Proof of
// address"). The person's part in the webview is the hosted page, as a browser would post it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, receiver, testSandbox } from '../helpers.js';

const KEY = 'kulipa_test_key_tenant_one_0001';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const kulipa = (sb: Sandbox, method: string, path: string, json?: unknown) =>
  call(sb, method, `/kulipa/v1${path}`, { headers: { 'x-api-key': KEY }, json });

/** The person in the webview: each screen, then a decision (a browser's form posts). */
async function completeWebview(sb: Sandbox, url: string, state: string) {
  const path = new URL(url).pathname;
  const post = (to: string, fields: Record<string, string>) =>
    sb.app.request(to, { method: 'POST', body: new URLSearchParams(fields) });
  await post(`${path}/next`, { from: '0', agree: 'yes' });
  await post(`${path}/next`, { from: '1' });
  await post(`${path}/next`, { from: '2' });
  return post(path, { state });
}

describe('Kulipa onboarding flow (documented), end to end', () => {
  it('user → full KYC in the webview → active → export; phone through its PUT; a move through an rfi', async () => {
    const sb = testSandbox();
    const hook = await receiver();
    closers.push(hook.close);
    await kulipa(sb, 'PUT', '/webhooks', { url: hook.url });

    // 1. Create the user with the documented minimal body.
    const user = await kulipa(sb, 'POST', '/users', {
      email: 'ines@example.com',
      firstName: 'Inès',
      lastName: 'Moreau',
      countryOfResidence: 'FR',
    });
    expect(user.status).toBe(201);
    const userId: string = user.body.id;
    expect(userId).toHaveLength(40);

    // 2. Initiate the KYC; open its webview; the person completes it and is sent back.
    const kyc = await kulipa(sb, 'PUT', '/kycs', {
      userId,
      type: 'full',
      redirectUri: 'mywallet://kyc-done',
    });
    expect(kyc.status).toBe(201);
    expect(kyc.body).toMatchObject({ status: 'pending', url: expect.stringMatching(/^http/) });
    const done = await completeWebview(sb, kyc.body.url, 'verified');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(
      `mywallet://kyc-done?kycId=${kyc.body.id}&status=verified`,
    );

    // 3. "Once the KYC is verified, the user becomes active" — and the webhooks said so.
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.status).toBe('active');
    await sb.webhooks.flush();
    expect(hook.received.map((r) => JSON.parse(r.body).eventName)).toEqual([
      'kyc.submitted',
      'kyc.verified',
      'user.activated',
    ]);

    // 4. The export: the documented fields, for an active user with a verified full KYC.
    const exported = await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`);
    expect(exported.status).toBe(200);
    expect(exported.body.name).toEqual({ first: 'Inès', middle: null, last: 'Moreau' });
    expect(exported.body.identityDocument.documentFront).toMatch(/^data:image\/svg\+xml;base64,/);

    // 5. The phone changes through its dedicated PUT (the partner verified it first).
    const phone = await kulipa(sb, 'PUT', `/users/${userId}/phone-number`, {
      country: '+33',
      number: '611223344',
    });
    expect(phone.body.phone).toEqual({ country: '+33', number: '611223344' });

    // 6. The user moves: a direct address change is refused after KYC; an rfi for a proof of
    //    address is the "new KYC process", and the address on the proof becomes the user's.
    const direct = await kulipa(sb, 'PUT', `/users/${userId}/address`, {
      address1: '3 quai des Chartrons',
      postalCode: '33000',
      city: 'Bordeaux',
      country: 'FR',
    });
    expect(direct.body.code).toBe('address_update_not_allowed_error');
    const rfi = await kulipa(sb, 'PUT', '/kycs', { userId, type: 'rfi' });
    expect(rfi.body.requestedInformation).toEqual(['proof_of_address']);
    expect((await completeWebview(sb, rfi.body.url, 'verified')).status).toBe(200);
    const moved = (await kulipa(sb, 'GET', `/users/${userId}`)).body;
    expect(moved.address).toMatchObject({ country: 'FR' });
    // The export still reports what the full KYC verified.
    expect((await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`)).body).toEqual(exported.body);
  });
});
