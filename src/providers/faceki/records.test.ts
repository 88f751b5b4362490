// Faceki records: fetching records, the V2 lookups, the summary and tenant isolation.
import { describe, expect, it } from 'vitest';
import {
  advance,
  BLAZE,
  blazeBody,
  createLink,
  expectCode,
  fk,
  move,
  OTHER,
  RECORDS,
  sandbox,
  tokenFor,
  v2Body,
  V2,
  VALIDATE,
  WORKFLOW_3_DOCS,
} from './testing.js';

async function decided(sb: ReturnType<typeof sandbox>, state = 'ACCEPTED', body = v2Body()) {
  const token = await tokenFor(sb);
  const link = await createLink(sb, token, body);
  await move(sb, link.id, state);
  return { token, ...link };
}

describe('Faceki records', () => {
  it('has no record before the person submits', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const { id } = await createLink(sb, token);
    expect((await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body).toEqual({
      status: true,
      code: 200,
      message: 'OK',
      appVersion: 'v3.0.0',
      result: [],
    });
  });

  it('shows a submitted, undecided record with a requestId and no document data', async () => {
    const sb = sandbox();
    const { token, id } = await decided(sb, 'SUBMITTED');
    const [record] = (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result;
    expect(record).toMatchObject({
      link: id,
      record_identifier: 'app-1',
      decision: null,
      document_data: [],
      verification_summary: null,
    });
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['ACCEPTED', true],
    ['DECLINED', false],
    ['REVIEW', true],
  ])('fills document_data once %s', async (state, passed) => {
    const sb = sandbox();
    const { token, id } = await decided(sb, state);
    const [record] = (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result;
    expect(record.decision).toBe(state);
    expect(record.document_data).toHaveLength(1);
    expect(record.document_data[0]).toMatchObject({
      document_type: 'P',
      document_type_full: 'Passport',
      passed,
    });
    expect(record.selfie_data).toEqual({ liveness_pass: passed });
  });

  it('finds a record by requestId, record_identifier or link URL, and combines filters', async () => {
    const sb = sandbox();
    const { token, id, url } = await decided(sb);
    const requestId = (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result[0]
      .requestId;
    for (const q of [
      `requestId=${requestId}`,
      'record_identifier=app-1',
      `link=${encodeURIComponent(url)}`,
      `link=${encodeURIComponent(`https://apps.faceki.com/kycverify/${id}`)}`,
    ]) {
      expect(
        (await fk(sb, 'GET', `${RECORDS}?${q}`, { token })).body.result.map(
          (r: { link: string }) => r.link,
        ),
      ).toEqual([id]);
    }
    expect(
      (await fk(sb, 'GET', `${RECORDS}?requestId=${requestId}&record_identifier=other`, { token }))
        .body.result,
    ).toEqual([]);
    expect((await fk(sb, 'GET', `${RECORDS}?face_id=abc`, { token })).body.result).toEqual([]);
  });

  it('answers 400 responseCode 400 without any filter', async () => {
    const sb = sandbox();
    expectCode(
      await fk(sb, 'GET', RECORDS, { token: await tokenFor(sb) }),
      400,
      400,
      'The request sent to the API is malformed or incorrect',
    );
  });

  it('answers the V2 lookups by link, reference and requestId with {responseCode:0, data:[...]}', async () => {
    const sb = sandbox();
    const { token, id } = await decided(sb);
    const byLink = (await fk(sb, 'GET', `/kycverify/api/kycverify/link?link=${id}`, { token }))
      .body;
    expect(byLink).toMatchObject({ responseCode: 0, data: [{ link: id }] });
    const requestId = byLink.data[0].requestId;
    for (const path of [
      '/kycverify/api/kycverify/reference?referenceId=app-1',
      '/kycverify/api/kycverify/reference?reference=app-1',
      `/kycverify/api/kycverify/request?requestId=${requestId}`,
    ]) {
      expect(
        (await fk(sb, 'GET', path, { token })).body.data.map((r: { link: string }) => r.link),
      ).toEqual([id]);
    }
    expect(
      (await fk(sb, 'GET', '/kycverify/api/kycverify/reference?referenceId=unknown', { token }))
        .body,
    ).toEqual({ responseCode: 0, data: [] });
    expectCode(
      await fk(sb, 'GET', '/kycverify/api/kycverify/link', { token }),
      400,
      400,
      'The request sent to the API is malformed or incorrect',
    );
  });

  it("reads a link's records by linkId, as Faceki's official and community clients send it (link stays an alias)", async () => {
    const sb = sandbox();
    const { token, id, url } = await decided(sb);
    for (const q of [`linkId=${id}`, `linkId=${encodeURIComponent(url)}`, `link=${id}`]) {
      const res = await fk(sb, 'GET', `/kycverify/api/kycverify/link?${q}`, { token });
      expect(res.body).toMatchObject({
        responseCode: 0,
        data: [{ link: id, decision: 'ACCEPTED' }],
      });
    }
    const missing = await fk(sb, 'GET', '/kycverify/api/kycverify/link', { token });
    expectCode(missing, 400, 400, 'The request sent to the API is malformed or incorrect');
    expect(missing.body.data.issues).toEqual([{ path: 'linkId', message: 'is required' }]);
  });

  it('sums up the client in kyc-verify-summary: records by decision, links by status, the wallet', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const summary = async () =>
      (await fk(sb, 'GET', '/kycverify/api/kycverify/kyc-verify-summary', { token })).body;
    expect(await summary()).toEqual({
      responseCode: 0,
      data: {
        total: 0,
        accepted: 0,
        declined: 0,
        review: 0,
        pending: 0,
        direct: 0,
        links: { total: 0, live: 0, used: 0, expired: 0 },
        credit: 1000,
        spent: 0,
      },
    });
    for (const state of ['ACCEPTED', 'DECLINED', 'REVIEW', 'SUBMITTED'])
      await move(sb, (await createLink(sb, token)).id, state);
    await createLink(sb, token);
    await createLink(sb, token, v2Body({ expiryTime: '1' }));
    await advance(sb, V2.clientId, '1m');
    expect((await summary()).data).toEqual({
      total: 4,
      accepted: 1,
      declined: 1,
      review: 1,
      pending: 1,
      direct: 0,
      links: { total: 6, live: 1, used: 4, expired: 1 },
      credit: 994,
      spent: 6,
    });
    // Another client sees only its own.
    const other = await tokenFor(sb, OTHER);
    expect(
      (await fk(sb, 'GET', '/kycverify/api/kycverify/kyc-verify-summary', { token: other })).body
        .data.total,
    ).toBe(0);
    expectCode(
      await fk(sb, 'GET', '/kycverify/api/kycverify/kyc-verify-summary'),
      401,
      1,
      'Unauthorized: a Bearer token is required',
    );
  });

  it('returns every record of a reused applicationId by reference', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    for (const state of ['ACCEPTED', 'DECLINED'])
      await move(sb, (await createLink(sb, token)).id, state);
    const data = (
      await fk(sb, 'GET', '/kycverify/api/kycverify/reference?referenceId=app-1', { token })
    ).body.data;
    expect(data.map((r: { decision: string }) => r.decision)).toEqual(['ACCEPTED', 'DECLINED']);
  });

  it('never shows another client a record', async () => {
    const sb = sandbox();
    const { id } = await decided(sb);
    const other = await tokenFor(sb, OTHER);
    expect((await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token: other })).body.result).toEqual(
      [],
    );
    expect(
      (
        await fk(sb, 'GET', '/kycverify/api/kycverify/reference?referenceId=app-1', {
          token: other,
        })
      ).body.data,
    ).toEqual([]);
    expectCode(
      await fk(sb, 'GET', `${VALIDATE}?url=${id}`, { token: other }),
      404,
      1,
      `Invalid URL: no KYC link ${id}`,
    );
  });

  it('shows one document when document_optional and every workflow document otherwise', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb, BLAZE);
    const one = await createLink(
      sb,
      token,
      blazeBody({ workflowId: WORKFLOW_3_DOCS, document_optional: true }),
    );
    const all = await createLink(
      sb,
      token,
      blazeBody({ workflowId: WORKFLOW_3_DOCS, applicationId: 'app-2' }),
    );
    for (const l of [one, all]) await move(sb, l.id, 'ACCEPTED');
    const docs = async (id: string) =>
      (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result[0].document_data.map(
        (d: { document_type: string }) => d.document_type,
      );
    expect(await docs(one.id)).toEqual(['I']);
    expect(await docs(all.id)).toEqual(['I', 'P', 'D']);
  });

  it('fills the same identity for the same seed, keeps it from REVIEW to ACCEPTED, and differs for another seed', async () => {
    const identity = async (seed: string, states: string[]) => {
      const sb = sandbox({ seed });
      const token = await tokenFor(sb);
      const { id } = await createLink(sb, token);
      for (const s of states) await move(sb, id, s);
      const d = (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result[0]
        .document_data[0];
      return {
        full_name: d.full_name,
        document_number: d.document_number,
        date_of_birth: d.date_of_birth,
      };
    };
    const a = await identity('s1', ['ACCEPTED']);
    expect(await identity('s1', ['REVIEW', 'ACCEPTED'])).toEqual(a);
    expect(await identity('s2', ['ACCEPTED'])).not.toEqual(a);
  });
});
