// The page a verification link opens: which vendor flow it is, the session's state, and the
// outcomes the vendor allows. Knows no vendor: everything comes from the provider's SessionAdapter.
import { Hono } from 'hono';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { findSession } from '../admin/sessions.js';
import { SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style>{'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d2330}button{margin:.25rem;padding:.5rem 1rem}.muted{color:#667}'}</style>
    </head>
    <body>{children}</body>
  </html>
);

export function mountHosted(app: Hono, sb: Sandbox) {
  const pages = new Hono();
  pages.use('*', async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', CSP);
    c.res.headers.set('x-frame-options', 'DENY');
  });

  pages.get('/:provider/:id', (c) => {
    const s = findSession(sb, c.req.param('id'));
    if (!s || s.provider.name !== c.req.param('provider')) {
      return c.html(<Layout title="Link not found"><h1>Link not found</h1><p>This verification link does not exist.</p></Layout>, 404);
    }
    const { view, provider } = s;
    if (view.link !== 'live') {
      return c.html(
        <Layout title={`${provider.title}: link ${view.link}`}>
          <h1>{provider.title} verification</h1>
          <p>This link is {view.link}. Ask for a new one.</p>
        </Layout>,
        410,
      );
    }
    const outcomes = (s.adapter.hosted?.outcomes ?? []).filter((o) => view.next.includes(o.state));
    return c.html(
      <Layout title={`${provider.title} verification`}>
        <h1>{provider.title} verification</h1>
        <p class="muted">kyc-sandbox · session {view.id} · state {view.state}</p>
        <ol>{(s.adapter.hosted?.steps ?? []).map((step) => <li>{step}</li>)}</ol>
        <form method="post">
          {outcomes.map((o) => (
            <button type="submit" name="state" value={o.state}>{o.label}</button>
          ))}
        </form>
      </Layout>,
    );
  });

  pages.post('/:provider/:id', async (c) => {
    const s = findSession(sb, c.req.param('id'));
    if (!s || s.provider.name !== c.req.param('provider')) throw new SandboxError(404, 'unknown_session', 'No such verification link');
    if (s.view.link !== 'live') throw new SandboxError(410, 'link_not_live', `This link is ${s.view.link}`);
    const form = await c.req.parseBody();
    const view = s.adapter.transition(s.kit, s.view.id, String(form.state ?? ''), { reason: typeof form.reason === 'string' ? form.reason : undefined, manual: false });
    await sb.webhooks.flush();
    const target = s.adapter.redirectFor?.(s.kit, view);
    if (target) return c.redirect(target, 303);
    return c.html(<Layout title="Submitted"><h1>Thank you</h1><p>Your verification is now {view.state}.</p></Layout>);
  });

  app.route('/verify', pages);
}
