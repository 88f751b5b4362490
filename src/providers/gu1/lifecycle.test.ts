// Behaviour of the validation lifecycle through the admin API and the hosted verification page.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  advance,
  createEntity,
  createValidation,
  getValidation,
  move,
  sandbox,
  started,
} from './testing.js';

const status = async (sb: ReturnType<typeof sandbox>, id: string) =>
  (await getValidation(sb, id)).body.status;

describe('gu1 validation lifecycle', () => {
  it.each([
    [['in_progress', 'approved']],
    [['in_progress', 'rejected']],
    [['in_progress', 'abandoned']],
    [['in_progress', 'in_review', 'approved']],
    [['in_progress', 'in_review', 'rejected']],
    [['in_progress', 'in_review', 'cancelled']],
    [['in_progress', 'expired']],
    [['cancelled']],
    [['expired']],
  ])('moves pending → %j through the admin API', async (path) => {
    const sb = sandbox();
    const { id } = await started(sb);
    for (const state of path) {
      const res = await move(sb, id, state);
      expect(res.status).toBe(200);
      expect(res.body.state).toBe(state);
    }
    expect(await status(sb, id)).toBe(path.at(-1));
  });

  it.each([
    ['pending', 'approved', []],
    ['pending', 'in_review', []],
    ['approved', 'rejected', ['in_progress', 'approved']],
    ['cancelled', 'in_progress', ['cancelled']],
    ['in_review', 'in_progress', ['in_progress', 'in_review']],
  ])(
    'refuses %s → %s with 409 illegal_transition naming the allowed moves',
    async (from, to, before) => {
      const sb = sandbox();
      const { id } = await started(sb);
      for (const s of before) await move(sb, id, s);
      const res = await move(sb, id, to);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ type: 'sandbox_error', code: 'illegal_transition' });
      expect(res.body.error.hint).toMatch(new RegExp(`^allowed from ${from}: `));
      expect(await status(sb, id)).toBe(from);
    },
  );

  it('refuses a state that does not exist', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    expect((await move(sb, id, 'done')).status).toBe(409);
  });

  it('expires a pending validation 7 days after creation on the tenant clock (computed on read)', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    await advance(sb, '6d23h59m');
    expect(await status(sb, id)).toBe('pending');
    await advance(sb, '1m');
    const v = (await getValidation(sb, id)).body;
    expect(v).toMatchObject({ status: 'expired', updatedAt: '2025-01-08T00:00:00.000Z' });
  });

  it('expires an in_progress validation, but never a completed one', async () => {
    const sb = sandbox();
    const a = await started(sb);
    const b = await started(sb);
    await move(sb, a.id, 'in_progress');
    await move(sb, b.id, 'in_progress');
    await move(sb, b.id, 'in_review');
    await advance(sb, '8d');
    expect(await status(sb, a.id)).toBe('expired');
    expect(await status(sb, b.id)).toBe('in_review');
  });

  it('keeps a validation live until day 30 with validationTtl=30d', async () => {
    const sb = sandbox({ options: { gu1: { validationTtl: '30d' } } });
    const { id } = await started(sb);
    await advance(sb, '29d');
    expect(await status(sb, id)).toBe('pending');
    await advance(sb, '1d');
    expect(await status(sb, id)).toBe('expired');
  });

  it("does not move another organization's clock", async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    await advance(sb, '8d', '5f0c2a9e-0000-4000-8000-000000000002');
    expect(await status(sb, id)).toBe('pending');
  });

  it('shows the expiry in the admin session view before any gu1 request', async () => {
    const sb = sandbox();
    const { id } = await started(sb);
    await advance(sb, '7d');
    expect((await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body).toMatchObject({
      state: 'expired',
      link: 'expired',
      next: [],
    });
  });
});

describe('gu1 hosted verification page', () => {
  it('opens the providerSessionUrl and completes from it: start, then approve', async () => {
    const sb = sandbox();
    const { id, created } = await started(sb);
    const path = new URL(created.providerSessionUrl).pathname;
    const page = await sb.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Start verification');
    for (const state of ['in_progress', 'approved']) {
      const res = await sb.app.request(path, {
        method: 'POST',
        body: new URLSearchParams({ state }),
      });
      expect(res.status).toBe(200);
    }
    expect(await status(sb, id)).toBe('approved');
    expect((await sb.app.request(path)).status).toBe(410);
  });

  it('answers 410 for a superseded link and for an expired one', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const old = (await createValidation(sb, entityId)).body.providerSessionUrl;
    const fresh = (await createValidation(sb, entityId)).body.providerSessionUrl;
    expect((await sb.app.request(new URL(old).pathname)).status).toBe(410);
    expect((await sb.app.request(new URL(fresh).pathname)).status).toBe(200);
    await advance(sb, '7d');
    expect((await sb.app.request(new URL(fresh).pathname)).status).toBe(410);
  });
});
