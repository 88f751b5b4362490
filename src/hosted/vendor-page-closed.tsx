// The vendor pages a link ends on: after a decision or a departure, a link that no longer opens
// (expired, used, superseded), and an unknown link, which gets the sandbox's page, not a vendor's.
import type { FC } from 'hono/jsx';
import type { HostedIdentity, SessionView } from '../engine/index.js';
import { flowOf, type Found } from './flow.js';
import { Document, VendorShell } from './layout.js';
import { Bar, brandOf } from './vendor-page.js';

/** After a decision with no redirect to follow (the vendor has none, or the stored one is refused). */
export const DonePage: FC<{
  s: Found;
  view: SessionView;
  identity: HostedIdentity;
  left?: boolean;
  refused?: boolean;
}> = ({ s, view, identity, left, refused }) => (
  <VendorShell
    brand={brandOf(s)}
    pageTitle={`${s.provider.title} verification`}
    bar={<Bar view={view} now={s.kit.now()} />}
  >
    <section class="closed">
      <div class="big" aria-hidden="true">
        {left ? '↩' : '✓'}
      </div>
      <h1>{left ? 'You can come back later' : 'Thank you'}</h1>
      <p>
        {left
          ? `Open the same link again to continue where you left off.`
          : `${identity.name}, your verification is now `}
        {left ? null : <strong class="mono">{view.state}</strong>}
      </p>
      {refused ? (
        <p class="notice error">
          The redirect stored with this link uses a scheme {s.provider.title} does not allow, so the
          page stays here.
        </p>
      ) : null}
      <p class="muted">You can close this window.</p>
    </section>
  </VendorShell>
);

const CLOSED = {
  expired: ['!', 'This link has expired', 'Links only work for a limited time. Ask for a new one.'],
  used: [
    '✓',
    'This link has already been used',
    'The verification was already submitted with this link.',
  ],
  superseded: [
    '↻',
    'This link was replaced',
    'A newer link was created for this verification; use that one.',
  ],
} as const;

export const ClosedPage: FC<{ s: Found }> = ({ s }) => {
  const link = s.view.link as keyof typeof CLOSED;
  const [icon, title, text] = CLOSED[link] ?? CLOSED.used;
  const special = flowOf(s).closed?.[s.view.state];
  return (
    <VendorShell
      brand={brandOf(s)}
      pageTitle={`${s.provider.title}: link ${s.view.link}`}
      bar={<Bar view={s.view} now={s.kit.now()} />}
    >
      <section class="closed" data-link={s.view.link}>
        <div class="big" aria-hidden="true">
          {icon}
        </div>
        <h1>{title}</h1>
        <p>{special ?? text}</p>
        <p class="muted">
          Verification state: <span class="mono">{s.view.state}</span>
        </p>
      </section>
    </VendorShell>
  );
};

/** No such link (or a path that names another provider): the sandbox's page, not any vendor's. */
export const NotFoundPage: FC<{ message?: string }> = ({ message }) => (
  <Document title="Link not found" bodyClass="vendor">
    <div class="sandbox-bar">
      <span>
        <strong>kyc-sandbox</strong> · verification links
      </span>
    </div>
    <main>
      <div class="card">
        <section class="closed">
          <div class="big" aria-hidden="true">
            ?
          </div>
          <h1>Link not found</h1>
          <p>
            {message ?? 'This verification link does not exist. Check that it was copied in full.'}
          </p>
        </section>
      </div>
    </main>
  </Document>
);
