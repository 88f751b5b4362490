// How QA forces failures: named scenarios (the vendor's error table plus transport failures),
// picked by a request header or by admin fault rules that match a tenant's next calls.
import type { ProviderModule } from './define-provider.js';
import { SandboxError } from './errors.js';
import type { TenantFilter } from './tenant.js';
import { SIGNATURE_FLAWS, WEBHOOK_SCENARIOS, type SignatureFlaw } from './webhooks/shape.js';

export interface Scenario {
  name: string;
  provider: string;
  status: number | null;
  /** webhook: shapes the vendor's deliveries (a fault rule's `webhook`), not its answers. */
  kind: 'vendor-error' | 'transport' | 'latency' | 'drop' | 'webhook';
  description: string;
}

/** Transport failures every provider has; rendered in the vendor's envelope via its transport map. */
const TRANSPORT = [
  { name: 'rate_limited', status: 429, description: '429 with Retry-After: 30' },
  { name: 'internal_error', status: 500, description: '500 Internal Server Error' },
  { name: 'bad_gateway', status: 502, description: '502 Bad Gateway' },
  { name: 'service_unavailable', status: 503, description: '503 Service Unavailable' },
  { name: 'gateway_timeout', status: 504, description: '504 Gateway Timeout' },
] as const;

export const DEFAULT_LATENCY_MS = 2000;

export function scenarioCatalogue(provider: ProviderModule): Scenario[] {
  return [
    ...Object.entries(provider.errors).map(([name, row]) => ({
      name,
      provider: provider.name,
      status: row.status,
      kind: 'vendor-error' as const,
      description: `${row.status}${row.code !== undefined ? ` ${row.code}` : ''}: ${row.message}`,
    })),
    ...TRANSPORT.map((t) => ({ ...t, provider: provider.name, kind: 'transport' as const })),
    {
      name: 'slow',
      provider: provider.name,
      status: null,
      kind: 'latency',
      description: `adds latency before answering: slow=<ms> (default ${DEFAULT_LATENCY_MS})`,
    },
    {
      name: 'drop_connection',
      provider: provider.name,
      status: null,
      kind: 'drop',
      description: 'closes the connection without an answer',
    },
    ...webhookScenarios(provider),
  ];
}

/** The webhook scenarios a provider's deliveries can show (signature flaws only where it signs). */
function webhookScenarios(provider: ProviderModule): Scenario[] {
  const w = provider.webhooks;
  if (!w) return [];
  return WEBHOOK_SCENARIOS.filter(
    (s) =>
      !(SIGNATURE_FLAWS as readonly string[]).includes(s.name) ||
      w.flaws.includes(s.name as SignatureFlaw),
  ).map((s) => ({ ...s, provider: provider.name, status: null, kind: 'webhook' as const }));
}

/** What a request should suffer: a delay, then an error row, a dropped socket, or nothing. */
export interface Effect {
  latencyMs: number;
  errorKey: string | null;
  drop: boolean;
  retryAfter: boolean;
  label: string;
}

const transportStatus = new Map<string, number>(TRANSPORT.map((t) => [t.name, t.status]));

/** Parses `name[=arg][, name…]` against a provider's catalogue; throws SandboxError on unknown names. */
export function resolveScenario(provider: ProviderModule, spec: string): Effect {
  const effect: Effect = {
    latencyMs: 0,
    errorKey: null,
    drop: false,
    retryAfter: false,
    label: spec,
  };
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, arg] = part.split('=', 2);
    if (name === 'slow') {
      const ms = arg === undefined ? DEFAULT_LATENCY_MS : Number(arg);
      if (!Number.isInteger(ms) || ms < 0 || ms > 60_000)
        throw new SandboxError(400, 'bad_scenario', `slow=${arg}: latency must be 0–60000 ms`);
      effect.latencyMs += ms;
    } else if (name === 'drop_connection') effect.drop = true;
    else if (transportStatus.has(name)) {
      const status = transportStatus.get(name) as keyof ProviderModule['transport'];
      effect.errorKey = provider.transport[status];
      effect.retryAfter = status === 429;
    } else if (Object.hasOwn(provider.errors, name)) effect.errorKey = name;
    else {
      throw new SandboxError(
        400,
        'unknown_scenario',
        `No scenario "${name}" for ${provider.name}`,
        `GET /_sandbox/scenarios?provider=${provider.name} lists them`,
      );
    }
  }
  return effect;
}

/** Maps a bare HTTP status onto a transport scenario or the first vendor row with that status. */
export function scenarioForStatus(provider: ProviderModule, status: number): string {
  const transport = TRANSPORT.find((t) => t.status === status);
  if (transport) return transport.name;
  const row = Object.entries(provider.errors).find(([, r]) => r.status === status);
  if (row) return row[0];
  throw new SandboxError(
    400,
    'unknown_status',
    `${provider.name} has no documented error with status ${status}`,
    `GET /_sandbox/scenarios?provider=${provider.name}`,
  );
}

export interface FaultRule {
  id: string;
  provider: string;
  tenant: string | null;
  operation: string | null;
  scenario: string | null;
  /** A webhook scenario (duplicate, delay=10m, drop, bad_signature…): the rule shapes deliveries, not calls. */
  webhook: string | null;
  /** With `webhook`: only deliveries of this event (null: any). */
  event: string | null;
  latencyMs: number;
  /** Remaining matches; null = until deleted. */
  times: number | null;
  probability: number;
  hits: number;
}

export interface FaultRules {
  add(rule: Omit<FaultRule, 'id' | 'hits'>): FaultRule;
  list(filter?: TenantFilter): FaultRule[];
  delete(id?: string): boolean;
  /** The first live rule for this call, consumed by one use. */
  take(
    provider: string,
    tenant: string,
    operation: string | null,
    random: () => number,
  ): FaultRule | undefined;
  /** The first live webhook rule for this delivery, consumed by one use. */
  takeWebhook(
    provider: string,
    tenant: string,
    event: string,
    random: () => number,
  ): FaultRule | undefined;
  /** The rules and the id counter, as a durable backend keeps them. */
  saved(): SavedFaults;
}

export interface SavedFaults {
  rules: FaultRule[];
  seq: number;
}

/** `initial`: what a durable backend kept. */
export function createFaultRules(initial?: SavedFaults): FaultRules {
  let rules: FaultRule[] = initial?.rules.map((r) => ({ ...r })) ?? [];
  let seq = initial?.seq ?? 0;
  return {
    saved: () => ({ rules: rules.map((r) => ({ ...r })), seq }),
    add(rule) {
      const r = { ...rule, id: `flt_${++seq}`, hits: 0 };
      rules.push(r);
      return r;
    },
    list: (f = {}) =>
      rules.filter(
        (r) =>
          (!f.provider || r.provider === f.provider) &&
          (f.tenant === undefined || r.tenant === null || r.tenant === f.tenant),
      ),
    delete(id) {
      const before = rules.length;
      rules = id === undefined ? [] : rules.filter((r) => r.id !== id);
      return rules.length < before;
    },
    take(provider, tenant, operation, random) {
      return use(
        rules.find(
          (r) =>
            r.webhook === null &&
            r.provider === provider &&
            (r.tenant === null || r.tenant === tenant) &&
            (r.operation === null || r.operation === operation),
        ),
        random,
      );
    },
    takeWebhook(provider, tenant, event, random) {
      return use(
        rules.find(
          (r) =>
            r.webhook !== null &&
            r.provider === provider &&
            (r.tenant === null || r.tenant === tenant) &&
            (r.event === null || r.event === event),
        ),
        random,
      );
    },
  };

  /** A matching rule, if its probability lets it apply; counted, and gone once its times are used. */
  function use(rule: FaultRule | undefined, random: () => number) {
    if (!rule || (rule.probability < 1 && random() >= rule.probability)) return undefined;
    rule.hits++;
    if (rule.times !== null && --rule.times <= 0) rules = rules.filter((r) => r !== rule);
    return rule;
  }
}
