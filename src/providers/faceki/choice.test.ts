import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import { BLAZE, blazeBody, createLink, fk, sandbox, tokenFor, WORKFLOW_3_DOCS } from './testing.js';

type Sb = ReturnType<typeof sandbox>;

const RECORDS = '/kycverify/api/kycverify/records';
// The page's forms post to /verify/faceki/<id> (the link itself opens at …/kycverify/<id>).
const form = (sb: Sb, path: string, fields: Record<string, string>) =>
  sb.app.request(path, { method: 'POST', body: new URLSearchParams(fields) });

async function optionalLink(sb: Sb, documentOptional: boolean) {
  const token = await tokenFor(sb, BLAZE);
  const link = await createLink(
    sb,
    token,
    blazeBody({ workflowId: WORKFLOW_3_DOCS, document_optional: documentOptional }),
  );
  const page = `/verify/faceki/${link.id}`;
  expect((await form(sb, `${page}/next`, { from: '0', agree: 'yes' })).status).toBe(303);
  return { token, page, ...link };
}

const documentTypes = async (sb: Sb, token: string, id: string) =>
  (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result[0].document_data.map(
    (d: { document_type_full: string }) => d.document_type_full,
  );

describe('Faceki document_optional: the person chooses 1 document out of N on the hosted page', () => {
  it("offers the workflow's documents on the document step of a document_optional link", async () => {
    const sb = sandbox();
    const { page } = await optionalLink(sb, true);
    const step = await (await sb.app.request(`${page}?step=1`)).text();
    expect(step).toContain('Document to show');
    for (const doc of ['ID Card', 'Passport', 'Driving License'])
      expect(step).toContain(`type="radio" name="choice" value="${doc}"`);
  });

  it('records the chosen document where Faceki puts it: document_data[].document_type(_full)', async () => {
    const sb = sandbox();
    const { token, page, id } = await optionalLink(sb, true);
    const next = await form(sb, `${page}/next`, { from: '1', choice: 'Driving License' });
    expect(next.status).toBe(303);
    expect((await form(sb, page, { state: 'ACCEPTED' })).status).toBe(303);
    const record = (await fk(sb, 'GET', `${RECORDS}?link=${id}`, { token })).body.result[0];
    expect(record.document_data).toHaveLength(1);
    expect(record.document_data[0]).toMatchObject({
      document_type: 'D',
      document_type_full: 'Driving License',
    });
    const byLink = await fk(sb, 'GET', `/kycverify/api/kycverify/link?linkId=${id}`, { token });
    expect(byLink.body.data[0].document_data[0].document_type).toBe('D');
    const hook = (await call(sb, 'GET', '/_sandbox/webhooks?provider=faceki')).body;
    expect(JSON.parse(hook[0].body).kycData.document_data[0].document_type_full).toBe(
      'Driving License',
    );
  });

  it('refuses a document the workflow does not have, and an empty choice', async () => {
    const sb = sandbox();
    const { page } = await optionalLink(sb, true);
    expect((await form(sb, `${page}/next`, { from: '1', choice: 'Library card' })).status).toBe(
      400,
    );
    expect((await form(sb, `${page}/next`, { from: '1' })).status).toBe(400);
  });

  it('shows the first document when the person decides without choosing (an operator, the admin API)', async () => {
    const sb = sandbox();
    const { token, id } = await optionalLink(sb, true);
    await call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state: 'ACCEPTED' } });
    expect(await documentTypes(sb, token, id)).toEqual(['Identity Card']);
  });

  it('offers nothing to pick without document_optional: every workflow document is shown', async () => {
    const sb = sandbox();
    const { token, page, id } = await optionalLink(sb, false);
    const step = await (await sb.app.request(`${page}?step=1`)).text();
    expect(step).not.toContain('name="choice"');
    expect((await form(sb, `${page}/next`, { from: '1' })).status).toBe(303);
    expect((await form(sb, page, { state: 'ACCEPTED' })).status).toBe(303);
    expect(await documentTypes(sb, token, id)).toEqual([
      'Identity Card',
      'Passport',
      'Driving License',
    ]);
  });
});
