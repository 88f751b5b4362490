// gu1: an integrator's KYC sequence, request by request. providers.md names no public gu1 client code
// (no SDK or integration repository), so this follows gu1's documented KYC integration flow instead:
// docs.gu1.ai/en/use-cases/kyc/create-validation (create the person entity, then the validation, and
// send providerSessionUrl to the person), get-kyc-url and check-status (poll the validation, the
// current validation and the entity's status summary), webhooks/events/kyc-events and
// webhooks/security (the signed kyc.validation_* events), approve-validation (a compliance decision
// on a validation in review), and client-integration (webhooks first, polling as the fallback).
// Every request sends only `Authorization: Bearer`, as those pages show it.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { gu1 } from '../../src/providers/gu1/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, receiver, testSandbox } from '../helpers.js';

const KEY = 'gk_sandbox_org1_5f0c2a9e00000001';
const ORG = '5f0c2a9e-0000-4000-8000-000000000001';
const SECRET = 'whsec_gu1_org1_sandbox_secret_0001';
const bearer = { authorization: `Bearer ${KEY}` };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A request as the integrator's backend sends it to https://api.gu1.ai (here /gu1). */
const api = (sb: Sandbox, method: string, path: string, json?: unknown) =>
  call(sb, method, `/gu1${path}`, { headers: bearer, json });

/** The organization's webhook, set in gu1's dashboard (here the sandbox admin API). */
async function webhookReceiver(sb: Sandbox, failFirst = 0) {
  const r = await receiver({ failFirst });
  closers.push(r.close);
  await call(sb, 'PUT', `/_sandbox/providers/gu1/organizations/${ORG}/webhook`, {
    json: { url: r.url, events: ['kyc.*'] },
  });
  return r;
}

/** What the integrator's webhook handler does first: check X-Webhook-Signature, then read. */
function verified(r: Awaited<ReturnType<typeof webhookReceiver>>) {
  return r.received.map((x) => {
    const expected = createHmac('sha256', SECRET).update(x.body).digest('hex');
    expect(x.headers['x-webhook-signature']).toBe(expected);
    return JSON.parse(x.body) as { event: string; payload: Record<string, unknown> };
  });
}

/** The person going through the hosted flow (the sandbox's stand-in for gu1's verification page). */
const person = (sb: Sandbox, id: string, state: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state } });

async function onboard(sb: Sandbox) {
  // 1. Create the person entity; its id is what the validation needs.
  const entity = await api(sb, 'POST', '/api/entities', {
    type: 'person',
    externalId: 'customer_12345',
    name: 'María González',
    countryCode: 'AR',
    taxId: '20-12345678-9',
    entityData: { person: { firstName: 'María', lastName: 'González', nationality: 'AR' } },
  });
  expect(entity.status).toBe(201);
  const entityId = entity.body.entity.id as string;
  // 2. Create the KYC validation with the standard integration code.
  const created = await api(sb, 'POST', '/api/kyc/validations', {
    entityId,
    integrationCode: 'global_gueno_validation_kyc',
    metadata: { userId: 'user_12345', source: 'mobile_app' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'pending', isCurrent: true, organizationId: ORG });
  // 3. The link to send the person opens the verification.
  const url = created.body.providerSessionUrl as string;
  expect((await call(sb, 'GET', new URL(url).pathname)).status).toBe(200);
  return { entityId, id: created.body.id as string };
}

describe('gu1 documented KYC integration flow (no public client code to replay)', () => {
  it('entity → validation → link → signed webhooks → poll the validation and the status', async () => {
    const sb = testSandbox({ providers: [gu1] });
    const hooks = await webhookReceiver(sb);
    const { entityId, id } = await onboard(sb);

    // 4. The person completes the verification.
    await person(sb, id, 'in_progress');
    await person(sb, id, 'approved');
    await sb.webhooks.flush();

    // 5. The webhook handler: signature checked, the approved event carries the entity row.
    const events = verified(hooks);
    expect(events.map((e) => e.event)).toEqual([
      'kyc.validation_created',
      'kyc.validation_in_progress',
      'kyc.validation_approved',
    ]);
    expect(events[2].payload).toMatchObject({
      validationId: id,
      status: 'approved',
      entity: { id: entityId, kycVerified: true },
    });

    // 6. Polling (the fallback): the validation, the current one, the entity's summary.
    const validation = await api(sb, 'GET', `/api/kyc/validations/${id}`);
    expect(validation.body).toMatchObject({
      status: 'approved',
      decision: { status: 'Approved' },
      extractedData: { firstName: 'María', lastName: 'González' },
    });
    expect((await api(sb, 'GET', `/api/kyc/entities/${entityId}/current`)).body.id).toBe(id);
    expect((await api(sb, 'GET', `/api/kyc/entities/${entityId}/status`)).body).toMatchObject({
      entityId,
      hasKyc: true,
      isVerified: true,
      currentValidation: { id, status: 'approved' },
      needsReverification: false,
    });
    expect(
      (await api(sb, 'GET', '/api/entities/by-external-id/customer_12345')).body,
    ).toMatchObject({ id: entityId, kycVerified: true });
  });

  it('a validation in review: compliance syncs, then approves it with a reason', async () => {
    const sb = testSandbox({ providers: [gu1] });
    const hooks = await webhookReceiver(sb);
    const { entityId, id } = await onboard(sb);
    await person(sb, id, 'in_progress');
    await person(sb, id, 'in_review');

    // "Before manual decision: sync before approving/rejecting to see latest provider data."
    const synced = await api(sb, 'POST', `/api/kyc/validations/${id}/sync`, { force: true });
    expect(synced.body.status).toBe('in_review');
    const approved = await api(sb, 'POST', `/api/kyc/validations/${id}/approve`, {
      reason: 'Manual review completed successfully - all documents verified',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', isCurrent: true });

    await sb.webhooks.flush();
    expect(verified(hooks).map((e) => e.event)).toEqual([
      'kyc.validation_created',
      'kyc.validation_in_progress',
      'kyc.validation_in_review',
      'kyc.validation_approved',
    ]);
    expect((await api(sb, 'GET', `/api/kyc/entities/${entityId}/status`)).body.isVerified).toBe(
      true,
    );
  });

  it('webhooks retried after a failure, and polling sees the outcome meanwhile', async () => {
    const sb = testSandbox({ providers: [gu1] });
    const hooks = await webhookReceiver(sb, 3);
    const { id } = await onboard(sb);
    await person(sb, id, 'in_progress');
    await person(sb, id, 'rejected');
    await sb.webhooks.flush();
    // The receiver was down: the handler has seen no decision yet, but the API has it.
    expect((await api(sb, 'GET', `/api/kyc/validations/${id}`)).body.status).toBe('rejected');
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'gu1', tenant: ORG, by: '1m' },
    });
    await sb.webhooks.flush();
    const delivered = verified(hooks).map((e) => e.event);
    expect(delivered.slice(0, 3)).toEqual([
      'kyc.validation_created',
      'kyc.validation_in_progress',
      'kyc.validation_rejected',
    ]);
    expect(delivered.slice(3).sort()).toEqual([
      'kyc.validation_created',
      'kyc.validation_in_progress',
      'kyc.validation_rejected',
    ]);
  });
});
