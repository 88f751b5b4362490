// createSandbox(options): wiring only. Every dependency is passed in or built here, so tests create
// isolated sandboxes in milliseconds and run them in parallel.
import pino from 'pino';
import { mountAdmin } from '../admin/index.js';
import {
  contractFile,
  createClock,
  createFake,
  createFaultRules,
  createJournal,
  createRandom,
  createStore,
  createWebhookQueue,
  loadContract,
  optionsAsText,
  resolveOptions,
  SandboxError,
  selectsAll,
  tenantKey,
  inFilter,
  type Clock,
  type ClockOptions,
  type Contract,
  type ProviderModule,
  type TenantFilter,
  webhookPost,
} from '../engine/index.js';
import { mountHosted } from '../hosted/index.js';
import { providers as registry } from '../providers/index.js';
import { createFaults } from './faults.js';
import { createApp, createHttpServer } from './http.js';
import { createKits } from './kits.js';
import { createSessions } from './sessions.js';
import { createTime } from './time.js';
import type { Sandbox, SandboxOptions } from './types.js';

export type { Sandbox, SandboxOptions } from './types.js';

export const DEFAULT_SEED = 'kyc-sandbox';
export const DEFAULT_PORT = 4010;

function resolveProviders(opts: SandboxOptions): ProviderModule[] {
  const mounted = (opts.providers ?? registry).map((name) => {
    if (typeof name !== 'string') return name;
    const p = registry.find((r) => r.name === name);
    if (!p) {
      const known = `known: ${registry.map((r) => r.name).join(', ')}`;
      throw new SandboxError(400, 'unknown_provider', `No provider "${name}"`, known);
    }
    return p;
  });
  for (const name of Object.keys(opts.options ?? {})) {
    if (!mounted.some((p) => p.name === name))
      throw new SandboxError(
        400,
        'unknown_provider',
        `Options given for unmounted provider "${name}"`,
      );
  }
  return mounted;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const seed = opts.seed ?? DEFAULT_SEED;
  let publicUrl = (opts.publicUrl ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  const log = opts.logger ?? pino({ level: 'silent' });
  const clock =
    opts.clock && 'now' in opts.clock ? opts.clock : createClock(opts.clock as ClockOptions);
  const providers = resolveProviders(opts);
  const byName = new Map(providers.map((p) => [p.name, p]));
  const options = new Map(
    providers.map((p) => [p.name, resolveOptions(p, opts.options?.[p.name] ?? {})]),
  );
  const contracts = new Map<string, Contract>(
    providers.map((p) => [p.name, loadContract(p.name, p.contractFile ?? contractFile(p.name))]),
  );
  const provider = (name: string) => {
    const p = byName.get(name);
    if (p) return p;
    const hint = `mounted: ${providers.map((m) => m.name).join(', ')}`;
    throw new SandboxError(404, 'unknown_provider', `No provider "${name}" is mounted`, hint);
  };

  const store = createStore();
  const journal = createJournal(opts.journalSize);
  const rules = createFaultRules();
  const queue = createWebhookQueue(
    (d) => clock.now(tenantKey(d)),
    opts.fetch ?? webhookPost(opts.extraCaCerts),
  );
  const flush = () => queue.flush();
  const kits = createKits({
    seed, clock, store, webhooks: queue, fake: createFake(seed), log, options, contracts,
    hostedUrl: (p, id) => `${publicUrl}/verify/${p}/${id}`,
  }); // prettier-ignore
  const contractViolations: string[] = [];
  const bodyLimit = opts.bodyLimit ?? 100 * 1024;
  const app = createApp(providers, {
    contract: (name) => contracts.get(name)!,
    kitFor: kits.of,
    faults: rules,
    journal,
    random: createRandom(seed),
    log,
    bodyLimit,
    onContractViolation: opts.validateResponses ? (m) => contractViolations.push(m) : undefined,
  });
  const server = createHttpServer(app, bodyLimit, log);

  const sandbox: Sandbox = {
    app,
    seed,
    get publicUrl() {
      return publicUrl;
    },
    providers,
    provider,
    contract: (name) => contracts.get(provider(name).name)!,
    optionsText: (name) => optionsAsText(provider(name), opts.options?.[name]),
    filter(input) {
      const p = input.provider === undefined ? undefined : provider(String(input.provider)).name;
      const tenant = input.tenant === undefined ? undefined : String(input.tenant);
      if (tenant !== undefined && p === undefined)
        throw new SandboxError(
          400,
          'tenant_needs_provider',
          'A tenant is named together with its provider',
          'add "provider": "<name>"',
        );
      return { provider: p, tenant };
    },
    kit: kits.of,
    tenantsOf: (name) => ({
      kit: (tenant) => kits.of(name, tenant),
      owning(id) {
        const tenant = store.ownerOf(name, id);
        return tenant === undefined ? undefined : kits.of(name, tenant);
      },
    }),
    tenants: (p) =>
      store.tenants(p).map((t) => ({ ...t, now: new Date(clock.now(tenantKey(t))).toISOString() })),
    snapshot: (filter) => store.snapshot(filter),
    reset(filter = {}) {
      store.reset(filter);
      journal.reset(filter);
      queue.reset(filter);
      kits.forget(filter);
      if (selectsAll(filter)) {
        rules.delete();
        clock.reset();
      } else for (const t of clockTenants(clock, filter)) clock.reset(t);
    },
    time: createTime({ clock, providers, store, kits, flush }),
    sessions: createSessions({ providers, store, kits, flush }),
    faults: createFaults({ rules, providers, provider, contract: (n) => contracts.get(n)! }),
    webhooks: {
      list: (filter) => queue.list(filter),
      get: (id) => queue.get(id),
      replay: async (id) => (await queue.replay(id))!,
      flush,
    },
    journal: (filter) => journal.list(filter),
    contractViolations,
    log,
    async listen(port = DEFAULT_PORT, hostname = '127.0.0.1') {
      const bound = await server.listen(port, hostname);
      queue.start();
      if (!opts.publicUrl) publicUrl = bound.url;
      return bound;
    },
    async close() {
      queue.stop();
      await queue.flush().catch(() => undefined);
      await server.close();
    },
  };
  mountAdmin(app, sandbox);
  mountHosted(app, sandbox);
  return sandbox;
}

/** The clock keys of the tenants a filter selects (offsets are kept per tenant key). */
function clockTenants(clock: Clock, filter: TenantFilter): string[] {
  return Object.keys(clock.offsets().tenants).filter((key) => {
    const at = key.indexOf(':');
    return inFilter(filter, { provider: key.slice(0, at), tenant: key.slice(at + 1) });
  });
}
