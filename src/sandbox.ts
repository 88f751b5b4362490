// createSandbox(options): the programmatic API. Every dependency is passed in or built here,
// so tests create isolated sandboxes in milliseconds and run them in parallel.
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type NotFoundHandler } from 'hono';
import pino, { type Logger } from 'pino';
import { mountAdmin } from './admin/index.js';
import {
  contractFile,
  createClock,
  createFake,
  createFaultRules,
  createIdSource,
  createJournal,
  createRandom,
  createStore,
  createWebhookQueue,
  errorResponse,
  loadContract,
  mountProvider,
  readAhead,
  resolveOptions,
  SandboxError,
  scenarioCatalogue,
  StartRouter,
  webhookPost,
  type Clock,
  type ClockOptions,
  type Contract,
  type Kit,
  type ProviderModule,
  type WebhookPost,
} from './engine/index.js';
import { mountHosted } from './hosted/index.js';
import { providers as registry } from './providers/index.js';

export interface SandboxOptions {
  /** Makes ids and faker data reproducible (default "kyc-sandbox"). */
  seed?: string;
  /** Providers to mount, by registry name or as modules (default: every registered provider). */
  providers?: readonly (string | ProviderModule)[];
  clock?: Clock | ClockOptions;
  /** Base of every link the sandbox hands out (default http://127.0.0.1:4010). */
  publicUrl?: string;
  /** Provider options, e.g. { capa: { linkTtl: '30m' } }. */
  options?: Record<string, Record<string, string>>;
  logger?: Logger;
  /** Tests: check every vendor response against its contract. */
  validateResponses?: boolean;
  bodyLimit?: number;
  /** Journal entries kept per tenant, newest first (default 100). */
  journalSize?: number;
  /** How webhooks are POSTed (default: webhookPost over node:http and node:https). */
  fetch?: WebhookPost;
  /** A PEM file of CAs that https webhook receivers may use besides Node's own (see webhookPost). */
  extraCaCerts?: string;
}

export const DEFAULT_SEED = 'kyc-sandbox';
export const DEFAULT_PORT = 4010;

export type Sandbox = ReturnType<typeof createSandbox>;

export function createSandbox(opts: SandboxOptions = {}) {
  const seed = opts.seed ?? DEFAULT_SEED;
  // Without an explicit public URL, links point at wherever listen() binds.
  let publicUrl = (opts.publicUrl ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  const log = opts.logger ?? pino({ level: 'silent' });
  const clock =
    'now' in (opts.clock ?? {})
      ? (opts.clock as Clock)
      : createClock(opts.clock as ClockOptions | undefined);
  const names = opts.providers ?? registry.map((p) => p.name);
  const mounted: ProviderModule[] = names.map((name) => {
    if (typeof name !== 'string') return name;
    const p = registry.find((r) => r.name === name);
    if (!p)
      throw new SandboxError(
        400,
        'unknown_provider',
        `No provider "${name}"`,
        `known: ${registry.map((r) => r.name).join(', ')}`,
      );
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
  const providerOptions = new Map(
    mounted.map((p) => [p.name, resolveOptions(p, opts.options?.[p.name] ?? {})]),
  );
  const contracts = new Map<string, Contract>(
    mounted.map((p) => [p.name, loadContract(p.name, contractFile(p.name))]),
  );

  const store = createStore();
  const journal = createJournal(opts.journalSize);
  const faults = createFaultRules();
  const clockKey = (provider: string, tenant: string) => `${provider}:${tenant}`;
  const webhooks = createWebhookQueue(
    (d) => clock.now(clockKey(d.provider, d.tenant)),
    opts.fetch ?? webhookPost(opts.extraCaCerts),
  );
  const fake = createFake(seed);
  const random = createRandom(seed);
  const contractViolations: string[] = [];
  const kits = new Map<string, Kit>();

  function kit(provider: string, tenant: string): Kit {
    const k = clockKey(provider, tenant);
    let made = kits.get(k);
    if (made) return made;
    const ids = createIdSource(seed, k);
    const now = () => clock.now(k);
    made = {
      provider,
      tenant,
      seed,
      now,
      iso: (ms = now()) => new Date(ms).toISOString(),
      ns: store.ns(provider, tenant),
      ids,
      fake,
      options: providerOptions.get(provider) ?? {},
      contract: contracts.get(provider)!,
      log: log.child({ provider }),
      ownerOf: (id) => store.ownerOf(provider, id),
      hostedUrl: (sessionId) => `${publicUrl}/verify/${provider}/${sessionId}`,
      webhooks: {
        enqueue: (d) => webhooks.enqueue({ ...d, provider, tenant, id: ids.uuid('webhook') }),
        list: () => webhooks.list({ provider, tenant }),
        get: (id) => {
          const d = webhooks.get(id);
          return d && d.provider === provider && d.tenant === tenant ? d : undefined;
        },
        replay: (id) => webhooks.replay(id),
      },
    };
    kits.set(k, made);
    return made;
  }

  const bodyLimit = opts.bodyLimit ?? 100 * 1024;
  const app = new Hono({ router: new StartRouter() });
  // Each mounted provider by name, with its answer for a path under its prefix that matches none of
  // its routes; providerAt finds the one whose prefix a path is under.
  const byName = new Map<string, { provider: ProviderModule; notFound: NotFoundHandler }>();
  const providerAt = (path: string) => byName.get(path.split('/', 2)[1]);
  for (const p of mounted) {
    const notFound = mountProvider(app, p, {
      contract: contracts.get(p.name)!,
      kitFor: kit,
      faults,
      journal,
      random,
      log,
      bodyLimit,
      onContractViolation: opts.validateResponses ? (m) => contractViolations.push(m) : undefined,
    });
    byName.set(p.name, { provider: p, notFound });
  }

  let server: ServerType | undefined;
  const sandbox = {
    app,
    seed,
    get publicUrl() {
      return publicUrl;
    },
    clock,
    clockKey,
    store,
    journal,
    faults,
    webhooks,
    providers: mounted,
    contracts,
    contractViolations,
    log,
    kit,
    provider(name: string): ProviderModule {
      const p = mounted.find((m) => m.name === name);
      if (!p)
        throw new SandboxError(
          404,
          'unknown_provider',
          `No provider "${name}" is mounted`,
          `mounted: ${mounted.map((m) => m.name).join(', ')}`,
        );
      return p;
    },
    scenarios: (provider?: string) =>
      mounted.filter((p) => !provider || p.name === provider).flatMap(scenarioCatalogue),
    /** Drops state, clock offsets, journal, faults and webhooks: everything, or one tenant's. */
    reset(filter: { provider?: string; tenant?: string } = {}) {
      store.reset(filter);
      journal.reset(filter);
      webhooks.reset(filter);
      if (filter.tenant === undefined && filter.provider === undefined) {
        faults.delete();
        clock.reset();
        kits.clear();
      } else {
        for (const [k, v] of kits) {
          if (
            (!filter.provider || v.provider === filter.provider) &&
            (filter.tenant === undefined || v.tenant === filter.tenant)
          ) {
            clock.reset(k);
            kits.delete(k);
          }
        }
      }
    },
    /** Listens on host:port (port 0 picks a free one); resolves with the bound URL. */
    listen(port = DEFAULT_PORT, hostname = '127.0.0.1') {
      return new Promise<{ url: string; port: number }>((resolve, reject) => {
        // Bodies are read before the app sees the request (readAhead): see the provider pipeline.
        const withReadAhead = (options: ServerOptions, listener: RequestListener) =>
          createServer(options, readAhead(bodyLimit, listener));
        server = serve(
          { fetch: app.fetch, port, hostname, createServer: withReadAhead as typeof createServer },
          (info) => {
            webhooks.start();
            const url = `http://${hostname}:${info.port}`;
            if (!opts.publicUrl) publicUrl = url;
            resolve({ url, port: info.port });
          },
        );
        server.once('error', reject);
      });
    },
    async close() {
      webhooks.stop();
      await webhooks.flush().catch(() => undefined);
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server = undefined;
    },
  };
  mountAdmin(app, sandbox);
  mountHosted(app, sandbox);
  app.notFound((c) => {
    const under = providerAt(c.req.path);
    if (under) return under.notFound(c);
    return c.json(
      new SandboxError(
        404,
        'no_route',
        `Nothing at ${c.req.method} ${c.req.path}`,
        `providers are mounted at ${mounted.map((p) => `/${p.name}`).join(', ')}; the admin API is at /_sandbox`,
      ).toJSON(),
      404,
    );
  });
  // One error handler for the whole app: under a provider's mount it renders the vendor's envelope
  // (one handler here is cheaper than wrapping every provider route in its own).
  app.onError((err, c) => {
    const under = providerAt(c.req.path);
    if (under) return errorResponse(c, under.provider, err, log);
    if (err instanceof SandboxError) return c.json(err.toJSON(), err.status as 400);
    log.error({ err }, 'unhandled error');
    return c.json(
      new SandboxError(
        500,
        'internal',
        'The sandbox failed; this is a bug',
        'the server log has the stack',
      ).toJSON(),
      500,
    );
  });
  return sandbox;
}
