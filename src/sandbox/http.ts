// The HTTP side of the sandbox: every provider's routes behind the pipeline, the vendor 404 under a
// provider's prefix, one error handler, and listen/close of a real server.
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import {
  Hono,
  type Context,
  type Handler,
  type MiddlewareHandler,
  type NotFoundHandler,
} from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import type { Logger } from 'pino';
import { SandboxError, type ProviderEnv, type ProviderModule } from '../engine/index.js';
import { errorResponse, pipeline, type PipelineDeps } from '../runtime/pipeline.js';
import { overLimit, readAhead } from '../runtime/read-ahead.js';
import { refuseTraversal } from '../runtime/request-line.js';

export type MountDeps = Omit<PipelineDeps, 'provider' | 'contract'> & {
  contract(provider: string): PipelineDeps['contract'];
  /** A provider's own body limit, where the sandbox was not given one for all. */
  bodyLimitOf(provider: ProviderModule): number;
};

/**
 * The app with each provider's routes at /<name>, each handler wrapped in the pipeline (Hono then
 * calls one handler per request, with no middleware chain to compose). A path under a provider's
 * prefix that matches none of its routes gets that vendor's 404 through the same pipeline.
 */
export function createApp(providers: readonly ProviderModule[], deps: MountDeps): Hono {
  // SmartRouter: RegExpRouter when it can hold every route, else TrieRouter. gu1's documented
  // /entities/{id} beside /entities/by-tax-id/{taxId} is beyond RegExpRouter, so the trie serves
  // (~1 µs a match against ~0.15 µs; docs/decisions/004-performance-status.md has the figures).
  const app = new Hono({
    router: new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] }),
  });
  const notFound = new Map<string, NotFoundHandler>();
  for (const provider of providers) {
    const { wrap, notFound: vendor404 } = pipeline({
      ...deps,
      provider,
      contract: deps.contract(provider.name),
      bodyLimit: deps.bodyLimitOf(provider),
    });
    const sub = new Hono<ProviderEnv>();
    for (const r of provider.routes().routes)
      sub.on(r.method, r.path, wrap(r.handler as Handler<ProviderEnv>));
    app.route(`/${provider.name}`, sub);
    notFound.set(provider.name, vendor404 as unknown as NotFoundHandler);
  }
  // The control plane and the pages read small bodies only; anything over the limit is refused
  // before a handler reads it (a provider's own 413 comes from its pipeline).
  const limited: MiddlewareHandler = async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (overLimit(c, deps.bodyLimit) || declared > deps.bodyLimit) {
      const err = new SandboxError(
        413,
        'body_too_large',
        `The body is over ${deps.bodyLimit} bytes`,
        'send a smaller body',
      );
      return c.json(err.toJSON(), 413);
    }
    await next();
  };
  app.use('/_sandbox/*', limited);
  app.use('/verify/*', limited);
  const providerAt = (path: string) => providers.find((p) => p.name === path.split('/', 2)[1]);
  const mounted = providers.map((p) => `/${p.name}`).join(', ');

  app.notFound((c) => {
    const under = providerAt(c.req.path);
    if (under) return notFound.get(under.name)!(c);
    const hint = `providers are mounted at ${mounted}; the admin API is at /_sandbox`;
    const err = new SandboxError(404, 'no_route', `Nothing at ${c.req.method} ${c.req.path}`, hint);
    return c.json(err.toJSON(), 404);
  });
  // One error handler for the whole app: under a provider's prefix, the vendor's envelope.
  app.onError((err, c) => {
    const under = providerAt(c.req.path);
    if (under) return errorResponse(c as unknown as Context<ProviderEnv>, under, err, deps.log);
    if (err instanceof SandboxError) return c.json(err.toJSON(), err.status as 400);
    deps.log.error({ err }, 'unhandled error');
    const bug = new SandboxError(
      500,
      'internal',
      'The sandbox failed; this is a bug',
      'the server log has the stack',
    );
    return c.json(bug.toJSON(), 500);
  });
  return app;
}

export interface Server {
  listen(port: number, hostname: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/** A Node server for the app, reading bodies ahead within the limit (runtime/read-ahead.ts). */
/** `bodyLimit`: the largest body any route takes (each route refuses above its own). */
export function createHttpServer(
  app: Hono,
  bodyLimit: number,
  log: Logger,
  fetch: Hono['fetch'] = app.fetch,
): Server {
  let server: ServerType | undefined;
  return {
    listen(port, hostname) {
      return new Promise((resolve, reject) => {
        const withReadAhead = (options: ServerOptions, listener: RequestListener) =>
          createServer(options, refuseTraversal(readAhead(bodyLimit, listener)));
        server = serve(
          { fetch, port, hostname, createServer: withReadAhead as typeof createServer },
          (info) => resolve({ url: `http://${hostname}:${info.port}`, port: info.port }),
        );
        server.once('error', reject);
      });
    },
    async close() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => s.close(() => r()));
      log.debug('server closed');
    },
  };
}
