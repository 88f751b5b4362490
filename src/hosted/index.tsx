// Mounts the HTML side of the sandbox: the page every verification link opens (/verify) and the
// dashboard over the admin API (/_sandbox/ui). Knows no vendor: pages come from SessionAdapters.
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { csrfOf, CsrfToken, issueCsrf } from './csrf.js';
import type { Sandbox } from '../sandbox/types.js';
import { dashboardActions, NOTICES } from './dashboard-actions.js';
import { filterOf } from './dashboard-data.js';
import { SessionsPage, type PageProps } from './dashboard-pages.js';
import { JournalPage, ScenariosPage, WebhooksPage } from './dashboard-tables.js';
import { redirectTo, rooted, UI } from './layout.js';
import { loginRoutes } from './login.js';
import { referenceRoutes } from './reference.js';
import { securityHeaders } from './security.js';
import { stylesheet } from './styles.js';
import { verifyRoutes } from './verify-routes.js';

export function mountHosted(app: Hono, sb: Sandbox) {
  const pages = new Hono();
  pages.use('*', securityHeaders());
  pages.route('/', verifyRoutes(sb));
  app.route('/verify', pages);

  const ui = new Hono();
  ui.use('*', securityHeaders());
  const css = stylesheet(sb.providers);
  ui.get('/assets/app.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    return c.body(css);
  });

  /** The props every dashboard page takes: its filter, its own URL for forms to return to, a fixed notice. */
  const props = (q: Record<string, string>, path: string): PageProps => {
    const filter = filterOf(sb, q);
    const params = new URLSearchParams();
    if (filter.provider) params.set('provider', filter.provider);
    if (filter.handle) params.set('t', filter.handle);
    const query = params.toString();
    const notice =
      q.notice && q.notice in NOTICES ? NOTICES[q.notice as keyof typeof NOTICES] : undefined;
    return { sb, filter, back: `${UI}${path}${query ? `?${query}` : ''}`, notice };
  };

  ui.use('*', issueCsrf(sb));
  /** A dashboard page, its forms carrying the browser's CSRF token. */
  const page = (c: Context, body: JSX.Element) =>
    c.html(rooted(c, <CsrfToken.Provider value={csrfOf(c)}>{body}</CsrfToken.Provider>));
  ui.get('/', (c) => page(c, <SessionsPage {...props(c.req.query(), '')} />));
  ui.get('/webhooks', (c) => page(c, <WebhooksPage {...props(c.req.query(), '/webhooks')} />));
  ui.get('/journal', (c) => page(c, <JournalPage {...props(c.req.query(), '/journal')} />));
  ui.get('/scenarios', (c) => page(c, <ScenariosPage {...props(c.req.query(), '/scenarios')} />));
  ui.route('/', referenceRoutes(sb));
  ui.route('/', dashboardActions(sb));
  ui.route('/', loginRoutes(sb));
  app.route(UI, ui);
  app.get(`${UI}/`, (c) => redirectTo(c, UI, 308));
  // The root of the sandbox leads a person to the dashboard.
  app.get('/', (c) => redirectTo(c, UI, 302));
}
