// Fault rules: validated here, so a rule added from code and one posted to the admin API are the
// same rule with the same refusals.
import {
  parseWebhookScenario,
  resolveScenario,
  SandboxError,
  scenarioCatalogue,
  scenarioForStatus,
  type Contract,
  type FaultRules,
  type ProviderModule,
} from '../engine/index.js';
import type { FaultInput, FaultService } from './types.js';

export interface FaultDeps {
  rules: FaultRules;
  providers: readonly ProviderModule[];
  provider(name: string): ProviderModule;
  contract(name: string): Contract;
}

const bad = (code: string, message: string, hint?: string) =>
  new SandboxError(400, code, message, hint);

function scenarioOf(p: ProviderModule, input: FaultInput): string | null {
  let scenario = input.scenario ?? null;
  if (input.status !== undefined) {
    if (scenario) throw bad('scenario_or_status', 'Give a scenario or a status, not both');
    if (!Number.isInteger(input.status))
      throw bad('bad_status', '"status" must be an HTTP status number');
    scenario = scenarioForStatus(p, input.status);
  }
  if (scenario) resolveScenario(p, scenario);
  return scenario;
}

function operationOf(contract: Contract, provider: string, operation: string | null) {
  if (operation !== null && !contract.byId(operation)) {
    const ids = contract.operations.map((o) => o.id).join(', ');
    throw bad(
      'unknown_operation',
      `${provider} has no operation "${operation}"`,
      `operations: ${ids}`,
    );
  }
  return operation;
}

/** A webhook rule: a webhook scenario the provider can show, for one of its events or any. */
function webhookRule(p: ProviderModule, input: FaultInput) {
  const w = p.webhooks;
  if (!w) throw bad('no_webhooks', `${p.name} sends no webhooks`);
  if (input.operation || input.scenario || input.status !== undefined || input.latencyMs)
    throw bad(
      'webhook_or_call',
      'A rule shapes webhooks ("webhook", "event") or calls (operation, scenario, status, latencyMs), not both',
    );
  parseWebhookScenario(input.webhook!, p.name, w.flaws);
  const event = input.event ?? null;
  if (event !== null && !w.events.includes(event))
    throw bad(
      'unknown_event',
      `${p.name} has no webhook event "${event}"`,
      `events: ${w.events.join(', ')}`,
    );
  return { webhook: input.webhook!, event };
}

/** How often and how likely a rule applies. */
function frequencyOf(input: FaultInput) {
  const times = input.times ?? null;
  if (times !== null && (!Number.isInteger(times) || times < 1))
    throw bad('bad_times', '"times" must be a whole number ≥ 1 (omit it for "until deleted")');
  const probability = input.probability ?? 1;
  if (!(probability > 0 && probability <= 1))
    throw bad('bad_probability', '"probability" must be in (0, 1]');
  return { times, probability };
}

export function createFaults(deps: FaultDeps): FaultService {
  return {
    add(input) {
      const p = deps.provider(input.provider);
      const tenant = input.tenant ?? null;
      if (input.webhook != null) {
        const shaped = webhookRule(p, input);
        return deps.rules.add({
          provider: p.name, tenant, operation: null, scenario: null, latencyMs: 0, ...shaped, ...frequencyOf(input),
        }); // prettier-ignore
      }
      if (input.event != null) throw bad('event_without_webhook', '"event" goes with "webhook"');
      const operation = operationOf(deps.contract(p.name), p.name, input.operation ?? null);
      const scenario = scenarioOf(p, input);
      const latencyMs = input.latencyMs ?? 0;
      if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000)
        throw bad('bad_latency', '"latencyMs" must be 0–60000');
      if (!scenario && !latencyMs)
        throw bad(
          'empty_fault',
          'A fault rule needs a scenario, a status or latencyMs',
          'GET /_sandbox/scenarios lists scenarios',
        );
      return deps.rules.add({
        provider: p.name, tenant, operation, scenario, latencyMs, webhook: null, event: null, ...frequencyOf(input),
      }); // prettier-ignore
    },
    list: (filter) => deps.rules.list(filter),
    delete: (id) => deps.rules.delete(id),
    scenarios: (provider) =>
      deps.providers.filter((p) => !provider || p.name === provider).flatMap(scenarioCatalogue),
  };
}
