import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import { createLink, fk, move, sandbox, tokenFor, v2Body } from './testing.js';

const view = async (sb: ReturnType<typeof sandbox>, id: string) =>
  (await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body;
// The link opens at …/verify/faceki/kycverify/<id>; the page's forms post to …/verify/faceki/<id>.
const decide = (sb: ReturnType<typeof sandbox>, url: string, state: string) =>
  sb.app.request(new URL(url).pathname.replace('/kycverify/', '/'), {
    method: 'POST',
    body: new URLSearchParams({ state }),
  });

describe('Faceki link lifecycle', () => {
  it('starts CREATED and live, with every move open', async () => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb));
    expect(await view(sb, id)).toMatchObject({
      provider: 'faceki',
      tenant: 'face…t_v2', // the admin API shows keys masked
      state: 'CREATED',
      link: 'live',
      subject: 'app-1',
      next: ['OPENED', 'SUBMITTED', 'ACCEPTED', 'DECLINED', 'REVIEW', 'EXPIRED'],
    });
  });

  it('moves CREATED → OPENED → SUBMITTED → REVIEW → ACCEPTED through the admin API', async () => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb));
    for (const state of ['OPENED', 'SUBMITTED', 'REVIEW', 'ACCEPTED'])
      expect((await move(sb, id, state)).body.state).toBe(state);
    expect((await view(sb, id)).link).toBe('used');
  });

  it.each([['ACCEPTED'], ['DECLINED'], ['REVIEW']])(
    'reaches %s from the hosted page and redirects to redirect_url as given',
    async (state) => {
      const sb = sandbox();
      const { id, url } = await createLink(
        sb,
        await tokenFor(sb),
        v2Body({ redirect_url: 'https://partner.example/done?x=1' }),
      );
      const res = await decide(sb, url, state);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('https://partner.example/done?x=1');
      expect((await view(sb, id)).state).toBe(state);
      expect((await call(sb, 'GET', new URL(url).pathname)).status).toBe(410);
    },
  );

  it('lets the person submit from the hosted page and an operator decide later', async () => {
    const sb = sandbox();
    const { id, url } = await createLink(
      sb,
      await tokenFor(sb),
      v2Body({ redirect_url: undefined }),
    );
    const res = await decide(sb, url, 'SUBMITTED');
    expect(res.status).toBe(200);
    expect(await view(sb, id)).toMatchObject({
      state: 'SUBMITTED',
      link: 'used',
      next: ['ACCEPTED', 'DECLINED', 'REVIEW'],
    });
    expect((await move(sb, id, 'DECLINED', 'DOCUMENT_FACE_MATCH_FAILED')).body.state).toBe(
      'DECLINED',
    );
    const token = await tokenFor(sb);
    const record = (await fk(sb, 'GET', `/kycverify/api/kycverify/records?link=${id}`, { token }))
      .body.result[0];
    expect(record.notes).toEqual(['DOCUMENT_FACE_MATCH_FAILED']);
  });

  it('refuses an illegal move (ACCEPTED → DECLINED) with a sandbox 409 naming the allowed moves', async () => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb));
    await move(sb, id, 'ACCEPTED');
    const res = await move(sb, id, 'DECLINED');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      type: 'sandbox_error',
      code: 'illegal_transition',
      hint: 'allowed from ACCEPTED: none (final)',
    });
  });

  it('expires a link on demand (→ EXPIRED) and then refuses a decision', async () => {
    const sb = sandbox();
    const { id, url } = await createLink(sb, await tokenFor(sb));
    expect((await move(sb, id, 'EXPIRED')).body).toMatchObject({
      state: 'EXPIRED',
      link: 'expired',
    });
    expect((await move(sb, id, 'ACCEPTED')).status).toBe(409);
    expect((await call(sb, 'GET', new URL(url).pathname)).status).toBe(410);
  });

  it('refuses an unknown state name with 409', async () => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb));
    expect((await move(sb, id, 'APPROVED')).status).toBe(409);
  });

  it('lists sessions per tenant in the admin API', async () => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb));
    const list = (
      await call(sb, 'GET', '/_sandbox/sessions?provider=faceki&tenant=faceki_test_client_v2')
    ).body;
    expect(list.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(
      (await call(sb, 'GET', '/_sandbox/sessions?provider=faceki&tenant=faceki_test_client_other'))
        .body,
    ).toEqual([]);
  });
});
