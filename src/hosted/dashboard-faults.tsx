// The scenario page's fault rules: the rules in force (each with Delete), and beside every scenario
// a form that adds a rule for it (any or one operation — or, for a webhook scenario, any or one
// event — every tenant of the provider or one, n times); and the sessions' "send event" form.
import type { FC } from 'hono/jsx';
import type { Sandbox } from '../sandbox/types.js';
import { Back, Csrf } from './csrf.js';
import type { Filter } from './dashboard-data.js';
import { local, UI } from './layout.js';
import { handleOf, mask } from './security.js';

/** What narrows a rule: the operation of a call, or the event (and an argument) of a webhook. */
const Narrowing: FC<{ sb: Sandbox; provider: string; webhook: boolean }> = ({
  sb,
  provider,
  webhook,
}) =>
  webhook ? (
    <>
      <input type="text" name="arg" placeholder="argument" aria-label="Argument" class="by" />
      <select name="event" aria-label="Event">
        <option value="">any event</option>
        {(sb.provider(provider).webhooks?.events ?? []).map((e) => (
          <option value={e}>{e}</option>
        ))}
      </select>
    </>
  ) : (
    <input type="text" name="operation" placeholder="any operation" aria-label="Operation" />
  );

export const AddFault: FC<{
  sb: Sandbox;
  provider: string;
  scenario: string;
  webhook: boolean;
  back: string;
}> = ({ sb, provider, scenario, webhook, back }) => (
  <form method="post" action={local(`${UI}/faults`)} class="add-fault">
    <Csrf />
    <Back back={back} />
    <input type="hidden" name="provider" value={provider} />
    <input type="hidden" name={webhook ? 'webhook' : 'scenario'} value={scenario} />
    <select name="tenant" aria-label={`Tenants for ${scenario}`}>
      <option value="*">every tenant</option>
      {sb.tenants(provider).map((t) => (
        <option value={handleOf(t.provider, t.tenant)}>{mask(t.tenant)}</option>
      ))}
    </select>
    <Narrowing sb={sb} provider={provider} webhook={webhook} />
    <input type="number" name="times" value="1" min="1" class="by" aria-label="Times" />
    <button type="submit" class="btn" data-fault={`${provider}:${scenario}`}>
      Add rule
    </button>
  </form>
);

export const FaultRules: FC<{ sb: Sandbox; filter: Filter; back: string }> = ({
  sb,
  filter,
  back,
}) => {
  const rules = sb.faults.list(filter.provider ? { provider: filter.provider } : {});
  if (rules.length === 0) return <p class="empty">No fault rules: every call answers normally.</p>;
  return (
    <table class="rules">
      <thead>
        <tr>
          <th>Rule</th>
          <th>Provider</th>
          <th>Tenant</th>
          <th>Operation</th>
          <th>Scenario</th>
          <th>Left</th>
          <th>Hits</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr>
            <td class="mono">{r.id}</td>
            <td>{r.provider}</td>
            <td class="mono">{r.tenant === null ? 'every tenant' : mask(r.tenant)}</td>
            <td class="mono">{r.webhook ? (r.event ?? 'any event') : (r.operation ?? 'any')}</td>
            <td class="mono">{r.webhook ?? r.scenario ?? `latency ${r.latencyMs} ms`}</td>
            <td>{r.times ?? '∞'}</td>
            <td>{r.hits}</td>
            <td>
              <form method="post" action={local(`${UI}/faults/${encodeURIComponent(r.id)}/delete`)}>
                <Csrf />
                <Back back={back} />
                <button type="submit" class="btn ghost">
                  Delete
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** Sends one documented event about a session now (the vendor's payload and signature). */
export const TriggerForm: FC<{ sb: Sandbox; provider: string; id: string; back: string }> = ({
  sb,
  provider,
  id,
  back,
}) => {
  const events = sb.provider(provider).webhooks?.events ?? [];
  if (events.length === 0) return null;
  return (
    <form method="post" action={local(`${UI}/sessions/${encodeURIComponent(id)}/trigger`)}>
      <Csrf />
      <Back back={back} />
      <select name="event" aria-label="Event">
        {events.map((e) => (
          <option value={e}>{e}</option>
        ))}
      </select>
      <button type="submit" class="btn ghost small">
        Send event
      </button>
    </form>
  );
};
