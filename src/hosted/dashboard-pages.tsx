// The dashboard's main page: tenants with their clocks, and sessions with state and expiry on the
// tenant's clock, each with the operator's actions as plain forms (no JavaScript needed).
import { Back, Csrf } from './csrf.js';
import { TriggerForm } from './dashboard-faults.js';
import type { FC, PropsWithChildren } from 'hono/jsx';
import type { Sandbox } from '../sandbox/types.js';
import { tenantRows, sessionRows, type Filter } from './dashboard-data.js';
import { expiryNote, pathOf, when } from './flow.js';
import { DashShell, local, Pill, UI, type Section } from './layout.js';

export interface PageProps {
  sb: Sandbox;
  filter: Filter;
  /** This page with its filter: where an action returns to. */
  back: string;
  notice?: string;
  error?: string;
}

const query = (f: Filter, over: Partial<Filter> = {}) => {
  const q = new URLSearchParams();
  const provider = 'provider' in over ? over.provider : f.provider;
  if (provider) q.set('provider', provider);
  const handle = 'handle' in over ? over.handle : f.handle;
  if (handle) q.set('t', handle);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** Provider chips (and the tenant filter, when one is set) that keep the page's other filters. */
export const Filters: FC<{ sb: Sandbox; filter: Filter; path: string }> = ({
  sb,
  filter,
  path,
}) => (
  <div class="filters">
    <a
      href={local(`${UI}${path}`)}
      class={!filter.provider && !filter.handle ? 'current' : undefined}
    >
      All providers
    </a>
    {sb.providers.map((p) => (
      <a
        href={local(`${UI}${path}${query({}, { provider: p.name })}`)}
        class={filter.provider === p.name && !filter.handle ? 'current' : undefined}
      >
        {p.title}
      </a>
    ))}
    {filter.handle ? <a class="current">tenant #{filter.handle}</a> : null}
  </div>
);

export const Frame: FC<PropsWithChildren<PageProps & { section: Section }>> = ({
  sb,
  notice,
  error,
  section,
  children,
}) => (
  <DashShell
    section={section}
    clock={when(new Date(sb.time.now()).toISOString())}
    notice={notice}
    error={error}
  >
    {children}
  </DashShell>
);

type TenantRow = ReturnType<typeof tenantRows>[number];
type SessionRow = ReturnType<typeof sessionRows>[number];

/** One tenant: its clock and sessions, and forms to advance its clock or reset it. */
const Tenant: FC<{ t: TenantRow; back: string }> = ({ t, back }) => (
  <tr data-tenant={t.handle} data-provider={t.provider}>
    <td>
      <span class={`tag brand-${t.provider}`} />
      {t.title}
    </td>
    <td>
      <a href={local(`${UI}${query({}, { handle: t.handle })}`)} class="mono">
        {t.masked} #{t.handle}
      </a>
    </td>
    <td class="mono">{when(t.now)}</td>
    <td>{t.sessions}</td>
    <td>
      <form method="post" action={local(`${UI}/clock/advance`)}>
        <Csrf />
        <Back back={back} />
        <input type="hidden" name="tenant" value={t.handle} />
        <input
          type="text"
          name="by"
          value="1h"
          class="by"
          aria-label="Advance by"
          pattern="[0-9.]+(ms|s|m|h|d|w)?([0-9.]+(ms|s|m|h|d|w))*"
          required
        />
        <button type="submit" class="btn ghost small">
          Advance
        </button>
      </form>
    </td>
    <td>
      <form method="post" action={local(`${UI}/reset`)}>
        <Csrf />
        <Back back={back} />
        <input type="hidden" name="tenant" value={t.handle} />
        <button type="submit" class="btn abandon small">
          Reset tenant
        </button>
      </form>
    </td>
  </tr>
);

/** The same two actions for every tenant at once ("*"). */
const EveryTenant: FC<{ back: string }> = ({ back }) => (
  <table>
    <tbody>
      <tr>
        <td>
          <form method="post" action={local(`${UI}/clock/advance`)}>
            <Csrf />
            <Back back={back} />
            <input type="hidden" name="tenant" value="*" />
            <span class="muted">Every tenant:</span>
            <input
              type="text"
              name="by"
              value="1h"
              class="by"
              aria-label="Advance every clock by"
              required
            />
            <button type="submit" class="btn ghost small">
              Advance all clocks
            </button>
          </form>
        </td>
        <td>
          <form method="post" action={local(`${UI}/reset`)}>
            <Csrf />
            <Back back={back} />
            <input type="hidden" name="tenant" value="*" />
            <button type="submit" class="btn abandon small">
              Reset everything
            </button>
          </form>
        </td>
      </tr>
    </tbody>
  </table>
);

const Tenants: FC<PageProps> = ({ sb, filter, back }) => {
  const rows = tenantRows(sb, filter);
  return (
    <section class="panel" id="tenants">
      <h2>Tenants</h2>
      <p class="sub">
        Each credential is its own tenant with its own state and clock. Keys are shown by their
        first four characters only.
      </p>
      {rows.length === 0 ? (
        <p class="empty">
          No tenant has state yet: make a call to a provider with its credentials.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Provider</th>
              <th>Tenant</th>
              <th>Clock (tenant)</th>
              <th>Sessions</th>
              <th>Advance clock</th>
              <th>Reset</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <Tenant t={t} back={back} />
            ))}
          </tbody>
        </table>
      )}
      <EveryTenant back={back} />
    </section>
  );
};

/** The operator's move: any state the vendor allows next, with an optional reason. */
const MoveForm: FC<{ view: SessionRow['view']; back: string }> = ({ view, back }) => (
  <form method="post" action={local(`${UI}/sessions/${encodeURIComponent(view.id)}/transition`)}>
    <Csrf />
    <Back back={back} />
    <select name="state" aria-label="New state">
      {view.next.map((n) => (
        <option value={n}>{n}</option>
      ))}
    </select>
    <input
      type="text"
      name="reason"
      placeholder="reason (optional)"
      maxlength={200}
      aria-label="Reason"
    />
    <button type="submit" class="btn ghost small">
      Move
    </button>
  </form>
);

const Session: FC<{ sb: Sandbox; row: SessionRow; back: string }> = ({
  sb,
  row: { view, title, masked, now },
  back,
}) => (
  <tr data-session={view.id} data-provider={view.provider}>
    <td>
      <span class={`tag brand-${view.provider}`} />
      {title}
    </td>
    <td class="mono">{masked}</td>
    <td>
      <a href={local(pathOf(view))} class="mono">
        {view.id}
      </a>
      <div class="muted mono">subject {view.subject}</div>
    </td>
    <td class="mono state">{view.state}</td>
    <td class="link">
      <Pill value={view.link} />
    </td>
    <td class="mono">{when(view.createdAt)}</td>
    <td>
      <span class="mono">{view.expiresAt ? when(view.expiresAt) : 'never'}</span>
      <div class="muted">{expiryNote(view, now)}</div>
    </td>
    <td>
      {view.next.length === 0 ? (
        <span class="muted">final</span>
      ) : (
        <MoveForm view={view} back={back} />
      )}
      <TriggerForm sb={sb} provider={view.provider} id={view.id} back={back} />
    </td>
  </tr>
);

const Sessions: FC<PageProps> = ({ sb, filter, back }) => {
  const rows = sessionRows(sb, filter);
  return (
    <section class="panel" id="sessions">
      <h2>Sessions</h2>
      <p class="sub">
        Verification links and their vendor state. Expiry is measured on the tenant's clock.
      </p>
      <Filters sb={sb} filter={filter} path="" />
      {rows.length === 0 ? (
        <p class="empty">No sessions yet: create a verification link through a provider's API.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Provider</th>
              <th>Tenant</th>
              <th>Session</th>
              <th>State</th>
              <th>Link</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Move to state</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Session sb={sb} row={row} back={back} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

export const SessionsPage: FC<PageProps> = (props) => (
  <Frame {...props} section="sessions">
    <Tenants {...props} />
    <Sessions {...props} />
  </Frame>
);
