// Page shells: the HTML document, the vendor-branded card, and the dashboard frame with its nav.
import { createContext, useContext, type Child, type FC, type PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Context } from 'hono';
import type { Sandbox } from '../sandbox/types.js';

export const ASSETS = '/_sandbox/ui/assets';
export const UI = '/_sandbox/ui';

/**
 * The way from the page to the sandbox's root, as a relative prefix ("../../"): every page (those a
 * link opens and the dashboard's) writes its URLs relative to itself, so they work behind a proxy's
 * path prefix. Outside a provider for it, "/".
 */
export const Root = createContext('/');
export const rootOf = (path: string) =>
  '../'.repeat(Math.max(0, path.split('/').length - 2)) || './';
/** A root-absolute path ("/verify/…") as the page writes it. */
export const at = (root: string, path: string) => `${root}${path.slice(1)}`;
/** A root-absolute path as the page being rendered writes it (inside a Root provider). */
export const local = (path: string) => at(useContext(Root), path);
/** A page whose links are written relative to the request's own path. */
export const rooted = (c: Context, body: Child) => (
  <Root.Provider value={rootOf(c.req.path)}>{body}</Root.Provider>
);
/** A redirect's Location relative to the request, to a root-absolute path: the proxy's prefix stays. */
export const redirectTo = (c: Context, path: string, status: 302 | 303 | 308 = 303) =>
  c.redirect(at(rootOf(c.req.path), path), status);
/** A path under the public URL (its prefix behind a proxy), for cookie paths. */
export const publicPath = (sb: Pick<Sandbox, 'publicUrl'>, path: string) =>
  `${new URL(sb.publicUrl).pathname.replace(/\/+$/, '')}${path}`;

// raw() only ever gets this constant: hono/jsx has no doctype node, and without one Chromium renders in quirks mode.
const DOCTYPE = raw('<!DOCTYPE html>');

export const Document: FC<PropsWithChildren<{ title: string; bodyClass: string }>> = ({
  title,
  bodyClass,
  children,
}) => (
  <>
    {DOCTYPE}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`${at(useContext(Root), ASSETS)}/app.css`} />
      </head>
      <body class={bodyClass}>{children}</body>
    </html>
  </>
);

export interface Brand {
  provider: string;
  title: string;
  product?: string;
}

/** The vendor's card: its colour and name on top, the sandbox's own line above, so nobody mistakes it for the vendor. */
export const VendorShell: FC<
  PropsWithChildren<{ brand: Brand; pageTitle: string; bar?: Child; note?: Child }>
> = ({ brand, pageTitle, bar, note, children }) => (
  <Document title={pageTitle} bodyClass={`vendor brand-${brand.provider}`}>
    <div class="sandbox-bar">
      <span>
        <strong>kyc-sandbox</strong> · a test page, not {brand.title}
      </span>
      {bar}
    </div>
    <main>
      <div class="card">
        <header class="vendor-head">
          <span class="logo" aria-hidden="true">
            {(brand.product ?? brand.title).slice(0, 1).toUpperCase()}
          </span>
          <span>
            <div class="vendor-name">{brand.product ?? brand.title}</div>
            <div class="vendor-product">
              {brand.product ? `Identity verification for ${brand.title}` : 'Identity verification'}
            </div>
          </span>
        </header>
        {children}
        {note ? <div class="sandbox-note">{note}</div> : null}
      </div>
    </main>
  </Document>
);

const NAV = [
  ['sessions', 'Tenants & sessions', ''],
  ['webhooks', 'Webhooks', '/webhooks'],
  ['journal', 'Journal', '/journal'],
  ['scenarios', 'Scenarios', '/scenarios'],
] as const;

export type Section = (typeof NAV)[number][0];

export const DashShell: FC<
  PropsWithChildren<{ section: Section; clock: string; notice?: string; error?: string }>
> = ({ section, clock, notice, error, children }) => (
  <Document title={`kyc-sandbox · ${NAV.find((n) => n[0] === section)![1]}`} bodyClass="dash">
    <header class="dash-head">
      <span class="brand">kyc-sandbox</span>
      <nav>
        {NAV.map(([id, label, path]) => (
          <a href={local(`${UI}${path}`)} class={id === section ? 'current' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <span class="clock">
        global clock <span class="mono">{clock}</span>
      </span>
    </header>
    <main>
      {notice ? <p class="notice">{notice}</p> : null}
      {error ? <p class="notice error">{error}</p> : null}
      {children}
    </main>
  </Document>
);

export const Pill: FC<{ value: string }> = ({ value }) => (
  <span class={`pill ${value}`}>{value}</span>
);
