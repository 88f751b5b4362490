// createSandbox(options): wiring only. Every dependency is passed in or built here, so tests create
// isolated sandboxes in milliseconds and run them in parallel.
import pino from 'pino';
import { mountAdmin } from '../admin/index.js';
import {
  contractFile,
  createClock,
  createFake,
  createJournal,
  createRandom,
  createStore,
  createWebhookQueue,
  DEFAULT_RETENTION,
  loadContract,
  allowedBy,
  isPrivateAddress,
  maskValue,
  optionsAsText,
  resolveOptions,
  secretSet,
  SandboxError,
  tenantKey,
  webhookPost,
  type ClockOptions,
  type Contract,
  type ProviderModule,
  type TenantFilter,
  type TenantRef,
  type VendorHooks,
  type WebhookPost,
  type WebhookQueue,
} from '../engine/index.js';
import { mountHosted } from '../hosted/index.js';
import { providers as registry } from '../providers/index.js';
import { Access } from './access.js';
import { createFaults } from './faults.js';
import { controlPlaneGuard } from './guard.js';
import { createApp, createHttpServer, type Server } from './http.js';
import { createTenantHandle } from './handles.js';
import { forwardedScope } from './proxy.js';
import { createKits } from './kits.js';
import { createSessions } from './sessions.js';
import { withState } from './state.js';
import { dumpService } from './dump.js';
import { committing, openState, type Durable } from '../state/index.js';
import { createTenants } from './tenants.js';
import { createTime } from './time.js';
import { createWebhooks, vendorHooks } from './webhooks.js';
import type { Sandbox, SandboxOptions, StateHealth } from './types.js';

export type { Sandbox, SandboxOptions } from './types.js';
export { isLoopbackHost } from './access.js';

export const DEFAULT_SEED = 'kyc-sandbox';
export const DEFAULT_PORT = 4010;
export const DEFAULT_MAX_TENANTS = 10_000;
export const DEFAULT_BODY_LIMIT = 100 * 1024;

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

/** The mounted providers with their parsed options and contracts, looked up by name. */
function mount(opts: SandboxOptions) {
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
  const contract = (name: string) => contracts.get(provider(name).name)!;
  return { providers, provider, options, contracts, contract };
}

/** How webhooks go out: beyond loopback, never to this host or a private network unless allowed. */
function transport(opts: SandboxOptions, access: Access): WebhookPost {
  const allow = opts.webhookAllow ?? [];
  return (
    opts.fetch ??
    webhookPost({
      blocked: (host, address) =>
        access.exposed && isPrivateAddress(address) && !allowedBy(allow, host, address)
          ? `refused: ${host} is ${address}, a private address (the sandbox is reachable beyond this machine; --webhook-allow ${address} allows it)`
          : null,
    })
  );
}

/** How often a listening sandbox drops what retention no longer keeps. */
const SWEEP_MS = 60_000;

/**
 * listen and close: the admin token decided before the first request, webhooks pumped and
 * retention swept while up; closing cuts attempts in flight short rather than wait for receivers.
 */
function serving(
  server: Server,
  { queue, sweep, durable }: { queue: WebhookQueue; sweep: () => void; durable?: Durable },
  access: Access,
  bound: (url: string) => void,
): Pick<Sandbox, 'listen' | 'close'> {
  let sweeper: NodeJS.Timeout | undefined;
  return {
    async listen(port = DEFAULT_PORT, hostname = '127.0.0.1') {
      const { generatedToken } = access.bound(hostname);
      const at = await server.listen(port, hostname);
      queue.start();
      sweeper ??= setInterval(sweep, SWEEP_MS).unref();
      // Bound to every interface, links name this machine's loopback unless a public URL is given.
      bound(at.url.replace(/\/\/(0\.0\.0\.0|\[?::\]?)(?=:)/, '//127.0.0.1'));
      return { ...at, adminToken: generatedToken };
    },
    async close() {
      clearInterval(sweeper);
      sweeper = undefined;
      await queue.stop();
      await server.close();
      await durable?.close();
    },
  };
}

/**
 * The clock, the store and the webhook queue under one retention policy, the sweep that applies its
 * age, and the state backend they report to (none for memory), with its fault rules and units.
 */
function keeping(
  opts: SandboxOptions,
  post: WebhookPost,
  vendor: VendorHooks,
  tenants: { onNew: (ref: TenantRef) => void; forget: (filter: TenantFilter) => void },
) {
  const clock =
    opts.clock && 'now' in opts.clock ? opts.clock : createClock(opts.clock as ClockOptions);
  const durable = openState(opts.state);
  const observer = durable?.observer;
  const retention = {
    records: opts.retention?.records ?? DEFAULT_RETENTION.records,
    ageMs: opts.retention?.ageMs ?? DEFAULT_RETENTION.ageMs,
  };
  const now = (ref: TenantRef) => clock.now(tenantKey(ref));
  const store = createStore({ retention, onNewTenant: tenants.onNew, observer });
  const queue = createWebhookQueue({
    now, post, vendor, ledger: durable?.ledger, keep: retention.records, ageMs: retention.ageMs,
  }); // prettier-ignore
  const sweep = (filter: TenantFilter = {}) => {
    store.sweep(now, filter);
    queue.sweep(now, filter);
  };
  return {
    store,
    queue,
    sweep,
    durable,
    ...withState(durable, { store, clock, queue }, tenants.forget),
  };
}

async function stateHealth(durable: Durable | undefined): Promise<StateHealth> {
  if (!durable) return { backend: 'memory', where: 'memory', reachable: true };
  const { kind, where } = durable.backend;
  const h = await durable.backend.health();
  return { backend: kind, where, reachable: h.ok, ...(h.detail ? { detail: h.detail } : {}) };
}

/** A limit given to the sandbox holds for every route; else a provider's own, else 100 KB. */
function limitsOf(opts: SandboxOptions, providers: readonly ProviderModule[]) {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const bodyLimitOf = (p: ProviderModule) => opts.bodyLimit ?? p.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return { bodyLimit, bodyLimitOf, largest: Math.max(bodyLimit, ...providers.map(bodyLimitOf)) };
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const seed = opts.seed ?? DEFAULT_SEED;
  let publicUrl = (opts.publicUrl ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  const log = opts.logger ?? pino({ level: 'silent' });
  const { providers, provider, options, contracts, contract } = mount(opts);
  // Past maxTenants tenants holding state, the one used least recently is reset (evicted).
  const maxTenants = opts.maxTenants ?? DEFAULT_MAX_TENANTS;
  const evictIdle = (fresh: TenantRef) => {
    if (store.size <= maxTenants) return;
    const idle = kits.leastRecent();
    if (!idle || (idle.provider === fresh.provider && idle.tenant === fresh.tenant)) return;
    log.info({ provider: idle.provider, tenant: maskValue(idle.tenant) }, 'idle tenant evicted');
    sandbox.reset({ provider: idle.provider, tenant: idle.tenant });
  };
  const secrets = new Map(providers.map((p) => [p.name, secretSet(p.secrets)]));
  const journal = createJournal(opts.journalSize, (p) => secrets.get(p) ?? secretSet());
  const access = new Access(opts, () => new URL(publicUrl).hostname);
  const kitOf = (p: string, t: string) => kits.of(p, t);
  const { store, queue, sweep, durable, clock, rules, unit } = keeping(opts, transport(opts, access), vendorHooks({ provider, kit: kitOf }), { onNew: evictIdle, forget: (f) => kits.forget(f) }); // prettier-ignore
  const random = createRandom(seed);
  const webhooks = createWebhooks({ queue, rules, random, provider, kit: kitOf });
  const forwarded = forwardedScope(opts.trustProxy ?? false);
  const kits = createKits({
    seed, clock, store, webhooks: queue, deliver: webhooks.deliver, fake: createFake(seed), log, options, contracts, durable,
    hostedUrl: (p, id, via) => `${forwarded.current() ?? publicUrl}/verify/${p}/${via ? `${encodeURIComponent(via)}/` : ''}${id}`,
  }); // prettier-ignore
  const contractViolations: string[] = [];
  const { bodyLimit, bodyLimitOf, largest } = limitsOf(opts, providers);
  const app = createApp(providers, {
    contract, kitFor: kits.of, faults: rules, journal, random, log, bodyLimit, bodyLimitOf,
    onContractViolation: opts.validateResponses ? (m) => contractViolations.push(m) : undefined, unit,
  }); // prettier-ignore
  if (durable) for (const path of ['/_sandbox/*', '/verify/*']) app.use(path, committing(durable));
  const server = createHttpServer(app, largest, log, forwarded.serve(app.fetch));
  app.use(
    '/_sandbox/*',
    controlPlaneGuard(access, (name) => providers.some((p) => p.name === name)),
  );
  const sandbox: Sandbox = {
    app, seed, providers, provider, contract, contractViolations, log,
    get publicUrl() {
      return forwarded.current() ?? publicUrl;
    },
    adminTokenMatches: (token) => access.tokenMatches(token),
    optionsText: (name) => optionsAsText(provider(name), opts.options?.[name]),
    ...createTenants({ provider, store, clock, kits, journal, queue, rules }),
    time: createTime({ clock, providers, store, kits, moved: (filter) => { sweep(filter); void queue.pump(filter); } }),
    sessions: createSessions({ providers, store, kits }),
    faults: createFaults({ rules, providers, provider, contract }),
    webhooks: webhooks.service,
    journal: (filter) => journal.list(filter), tenant: (p, key) => createTenantHandle(sandbox, p, key),
    stats: () => ({ tenants: store.size, maxTenants, kits: kits.size, journal: journal.stats(), webhooks: queue.size, faultRules: rules.list().length }),
    stateHealth: () => stateHealth(durable), ...dumpService({ store, kits, clock, rules, queue, reset: (f) => sandbox.reset(f) }),
    ...serving(server, { queue, sweep, durable }, access, (url) => {
      if (!opts.publicUrl) publicUrl = url;
    }),
  }; // prettier-ignore
  mountAdmin(app, sandbox);
  mountHosted(app, sandbox);
  return sandbox;
}
