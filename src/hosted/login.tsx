// The dashboard's sign-in beyond loopback: the admin token, once, into an HttpOnly SameSite=Strict
// cookie scoped to the control plane. On loopback with no token configured nobody is sent here.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { FC } from 'hono/jsx';
import type { Sandbox } from '../sandbox/types.js';
import { Document, local, publicPath, redirectTo, rooted, UI } from './layout.js';

export const TOKEN_COOKIE = 'kyc_sandbox_admin';

const LoginPage: FC<{ error?: string }> = ({ error }) => (
  <Document title="Sign in — kyc-sandbox" bodyClass="dash">
    <main class="login">
      <h1>kyc-sandbox</h1>
      <p>
        This sandbox is reachable beyond this machine: its dashboard needs the admin token (printed
        when it started, or --admin-token).
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action={local(`${UI}/login`)}>
        <label>
          Admin token <input type="password" name="token" autocomplete="off" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  </Document>
);

export function loginRoutes(sb: Sandbox) {
  return new Hono()
    .get('/login', (c) => c.html(rooted(c, <LoginPage />)))
    .post('/login', async (c) => {
      const form = await c.req.parseBody();
      const token = typeof form.token === 'string' ? form.token : '';
      if (!sb.adminTokenMatches(token))
        return c.html(rooted(c, <LoginPage error="That is not the admin token." />), 401);
      // The control plane as the browser sees it: under the public URL's path (a proxy's prefix).
      const path = publicPath(sb, '/_sandbox');
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path });
      return redirectTo(c, UI);
    });
}
