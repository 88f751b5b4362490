// The dashboard's other pages: webhook deliveries with every attempt (and replay), the request
// journal (credentials masked, bodies left out), and the scenario catalogue.
import { Back, Csrf } from './csrf.js';
import type { FC } from 'hono/jsx';
import { AddFault, FaultRules } from './dashboard-faults.js';
import { deliveries, journal } from './dashboard-data.js';
import { when } from './flow.js';
import { Filters, Frame, type PageProps } from './dashboard-pages.js';
import { local, Pill, UI } from './layout.js';

type DeliveryRow = ReturnType<typeof deliveries>[number];

/** One delivery with every attempt, and a replay form when it had a URL to go to. */
const Delivery: FC<{ d: DeliveryRow; back: string }> = ({ d, back }) => (
  <tr data-webhook={d.id} data-provider={d.provider}>
    <td class="mono">{when(d.createdAt)}</td>
    <td>
      <span class={`tag brand-${d.provider}`} />
      {d.title}
    </td>
    <td class="mono">{d.masked}</td>
    <td class="mono event">{d.event}</td>
    <td class="mono">{d.target}</td>
    <td>
      <Pill value={d.status} />
      {d.scenario ? <div class="muted mono">{d.scenario}</div> : null}
    </td>
    <td>
      <ul class="attempts">
        {d.attempts.map((a) => (
          <li class="mono">
            {when(a.at)} · {a.status ?? a.error ?? 'no answer'}
            {a.manual ? ' · replay' : ''}
          </li>
        ))}
      </ul>
      {d.attempts.length === 0 ? <span class="muted">none</span> : null}
    </td>
    <td>
      {d.url ? (
        <form method="post" action={local(`${UI}/webhooks/${encodeURIComponent(d.id)}/replay`)}>
          <Csrf />
          <Back back={back} />
          <button type="submit" class="btn ghost small">
            Replay
          </button>
        </form>
      ) : null}
    </td>
  </tr>
);

export const WebhooksPage: FC<PageProps> = (props) => {
  const { sb, filter, back } = props;
  const rows = deliveries(sb, filter);
  return (
    <Frame {...props} section="webhooks">
      <section class="panel">
        <h2>Webhook deliveries</h2>
        <p class="sub">
          Each delivery with its attempts, timed on the tenant's clock. Signing secrets are never
          shown.
        </p>
        <Filters sb={sb} filter={filter} path="/webhooks" />
        {rows.length === 0 ? (
          <p class="empty">No webhooks yet. Register a URL with a provider, then move a session.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Created</th>
                <th>Provider</th>
                <th>Tenant</th>
                <th>Event</th>
                <th>URL</th>
                <th>Status</th>
                <th>Attempts</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <Delivery d={d} back={back} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Frame>
  );
};

const MAX_BODY = 4000;
const bodyText = (v: unknown) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  return text.length > MAX_BODY
    ? `${text.slice(0, MAX_BODY)}\n… (${text.length} characters)`
    : text;
};

/** A request's and its answer's bodies, folded: escaped by JSX, masked by the journal. */
const Bodies: FC<{ request: unknown; response: unknown }> = ({ request, response }) =>
  request == null && response == null ? null : (
    <details class="bodies">
      <summary>bodies</summary>
      {request == null ? null : <pre>{bodyText(request)}</pre>}
      {response == null ? null : <pre>{bodyText(response)}</pre>}
    </details>
  );

export const JournalPage: FC<PageProps> = (props) => {
  const { sb, filter } = props;
  const rows = journal(sb, filter);
  return (
    <Frame {...props} section="journal">
      <section class="panel">
        <h2>Journal</h2>
        <p class="sub">
          The latest requests clients made and what the sandbox answered, bodies included (secrets
          masked; also GET /_sandbox/journal).
        </p>
        <Filters sb={sb} filter={filter} path="/journal" />
        {rows.length === 0 ? (
          <p class="empty">No requests yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>At (tenant clock)</th>
                <th>Provider</th>
                <th>Tenant</th>
                <th>Request</th>
                <th>Operation</th>
                <th>Status</th>
                <th>Scenario</th>
                <th>ms</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr>
                  <td class="mono">{e.id}</td>
                  <td class="mono">{when(e.at)}</td>
                  <td>
                    <span class={`tag brand-${e.provider}`} />
                    {e.provider}
                  </td>
                  <td class="mono">{e.masked}</td>
                  <td class="mono">
                    {e.method} {e.path}
                    {e.shownQuery}
                    <Bodies request={e.requestBody} response={e.responseBody} />
                  </td>
                  <td class="mono">{e.operation ?? '—'}</td>
                  <td>
                    <span class={`pill ${e.status < 400 ? 'ok' : 'failed'}`}>{e.status}</span>
                  </td>
                  <td class="mono">{e.scenario ?? ''}</td>
                  <td>{Math.round(e.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Frame>
  );
};

export const ScenariosPage: FC<PageProps> = (props) => {
  const { sb, filter } = props;
  const rows = sb.faults.scenarios(filter.provider);
  return (
    <Frame {...props} section="scenarios">
      <section class="panel">
        <h2>Scenario catalogue</h2>
        <p class="sub">
          Send <span class="mono">x-sandbox-scenario: &lt;name&gt;</span> on a vendor call, or add a
          fault rule here (or with POST /_sandbox/faults): the next matching calls answer with it.
        </p>
        <Filters sb={sb} filter={filter} path="/scenarios" />
        <FaultRules sb={sb} filter={filter} back={props.back} />
        <table>
          <thead>
            <tr>
              <th>Provider</th>
              <th>Name</th>
              <th>Kind</th>
              <th>Status</th>
              <th>What it does</th>
              <th>Fault rule</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <span class={`tag brand-${r.provider}`} />
                  {r.provider}
                </td>
                <td class="mono">{r.name}</td>
                <td>{r.kind}</td>
                <td>{r.status ?? '—'}</td>
                <td>{r.description}</td>
                <td>
                  <AddFault
                    sb={sb}
                    provider={r.provider}
                    scenario={r.name}
                    webhook={r.kind === 'webhook'}
                    back={props.back}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Frame>
  );
};
