// Mounts a provider's routes behind the engine's per-request pipeline: tenant and operation
// resolution, body limit, scenarios and fault rules, journal, contract checks, vendor error envelope.
import { Hono, type Context, type Handler, type Next, type NotFoundHandler } from 'hono';
import type { Logger } from 'pino';
import type { Contract } from './contracts.js';
import type { Kit, ProviderEnv, ProviderModule } from './define-provider.js';
import { ProviderError, SandboxError } from './errors.js';
import { resolveScenario, type Effect, type FaultRules } from './faults.js';
import { parseBody, redact, type Journal } from './journal.js';
import { bodyReadAhead } from './request.js';

export interface MountDeps {
  contract: Contract;
  kitFor(provider: string, tenant: string): Kit;
  faults: FaultRules;
  journal: Journal;
  random: () => number;
  log: Logger;
  bodyLimit: number;
  /** Tests: check every response against the contract; a violation becomes a 500 sandbox error. */
  onContractViolation?: (message: string) => void;
}

export const SCENARIO_HEADER = 'x-sandbox-scenario';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function errorResponse(
  c: Context,
  provider: ProviderModule,
  err: unknown,
  log: Logger,
): Response {
  if (err instanceof SandboxError) return c.json(err.toJSON(), err.status as 400);
  if (!(err instanceof ProviderError)) {
    log.error({ err, provider: provider.name }, 'unhandled error in provider handler');
    const key = provider.transport[500];
    err = new ProviderError(key, provider.errors[key]);
  }
  const e = err as ProviderError;
  const res = c.json(provider.renderError(e.row, e.key, e.details) as object, e.row.status as 400);
  for (const [k, v] of Object.entries(e.headers ?? {})) res.headers.set(k, v);
  return res;
}

async function suffer(c: Context, provider: ProviderModule, effect: Effect) {
  if (effect.latencyMs) await sleep(effect.latencyMs);
  if (effect.drop) {
    const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      ?.socket;
    if (!socket)
      throw new SandboxError(
        500,
        'cannot_drop',
        'drop_connection needs a real socket',
        'in-process app.request() calls have none; call a listening sandbox',
      );
    socket.destroy();
    return;
  }
  if (effect.errorKey) {
    const key = effect.errorKey;
    throw new ProviderError(
      key,
      provider.errors[key],
      undefined,
      effect.retryAfter ? { 'retry-after': '30' } : undefined,
    );
  }
}

const NOTHING = Symbol('nothing rendered');

/**
 * Mounts a provider's routes at /<name>, each behind the pipeline, and returns the handler for a path
 * under the prefix that matches no route (the vendor's own 404, DESIGN habit 9), which the app's
 * notFound calls.
 *
 * The pipeline wraps each route's handler rather than running as a '/<name>/*' middleware (with a
 * catch-all route for the 404): a request then matches a single handler, which Hono calls directly
 * instead of composing a chain (~1.3 µs of CPU less per request, measured). A provider's own
 * middleware (Kulipa's gate) is wrapped too; whichever matched handler runs first runs the
 * pipeline, the rest run as they are.
 */
export function mountProvider(
  app: Hono,
  provider: ProviderModule,
  deps: MountDeps,
): NotFoundHandler {
  const prefix = `/${provider.name}`;
  const notFound = () => {
    throw new ProviderError(provider.transport[404], provider.errors[provider.transport[404]]);
  };

  // The body first: at once when the server read it ahead (readAhead), else through Hono. Then, when
  // the handler answers synchronously (all of Capa's do), so does the pipeline, and node-server
  // writes the response without a promise in between.
  function pipeline(
    c: Context<ProviderEnv>,
    handler: Handler<ProviderEnv>,
    next: Next,
  ): Response | Promise<Response> {
    const started = performance.now();
    if (c.req.method === 'GET' || c.req.method === 'HEAD')
      return answer(c, handler, next, started, undefined, false);
    const ahead = bodyReadAhead(c); // read only when its declared length was within the limit
    if (ahead !== undefined) return answer(c, handler, next, started, ahead, false);
    if (Number(c.req.header('content-length') ?? 0) > deps.bodyLimit)
      return answer(c, handler, next, started, undefined, true);
    return c.req
      .text()
      .then((text) =>
        answer(c, handler, next, started, text, Buffer.byteLength(text) > deps.bodyLimit),
      );
  }

  function answer(
    c: Context<ProviderEnv>,
    handler: Handler<ProviderEnv>,
    next: Next,
    started: number,
    requestText: string | undefined,
    tooLarge: boolean,
  ) {
    const path = c.req.path;
    const localPath = path.slice(prefix.length) || '/';
    const op = deps.contract.match(c.req.method, localPath);
    const tenant =
      provider.tenantOf(c.req.raw.headers, c.req, tooLarge ? undefined : requestText) ?? '';
    const kit = deps.kitFor(provider.name, tenant);
    const extraHeaders = provider.responseHeaders?.(kit);
    c.set('kit', kit);
    c.set('operation', op?.id ?? null);
    c.set('requestText', requestText);
    // c.json as Hono defines it, keeping the object and its text: the journal and the contract check
    // then need not read the body back (which would turn node-server's cached string body into a
    // stream), and the body is stringified once.
    let rendered: unknown = NOTHING;
    let renderedText: string | undefined;
    c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string>) => {
      rendered = object;
      renderedText = JSON.stringify(object);
      return c.body(
        renderedText,
        arg as never,
        headers ? { 'Content-Type': 'application/json', ...headers } : JSON_HEADERS,
      );
    }) as unknown as typeof c.json;
    let scenario: string | null = null;

    const record = (res: Response, responseText: string | undefined): Response => {
      if (deps.onContractViolation && op && responseText !== undefined) {
        const body = rendered !== NOTHING ? rendered : parseBody(responseText);
        const problem = isSandboxError(body)
          ? null
          : deps.contract.checkResponse(op, res.status, body);
        if (problem) {
          deps.onContractViolation(problem);
          c.res = c.json(new SandboxError(500, 'contract_violation', problem).toJSON(), 500);
        }
      }
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      deps.journal.record({
        at: kit.now(),
        provider: provider.name,
        tenant,
        operation: op?.id ?? null,
        method: c.req.method,
        path: localPath,
        query: queryOf(c.req.url),
        status: res.status,
        durationMs,
        scenario,
        requestHeaders:
          (c.env as { incoming?: { rawHeaders: string[] } } | undefined)?.incoming?.rawHeaders ??
          c.req.raw.headers,
        requestText,
        responseText,
      });
      if (deps.log.isLevelEnabled('info'))
        deps.log.info(
          {
            provider: provider.name,
            operation: op?.id,
            tenant: tenant && redact(tenant),
            status: res.status,
            ms: durationMs,
            scenario,
          },
          `${c.req.method} ${path}`,
        );
      return c.res;
    };
    const finish = (): Response | Promise<Response> => {
      if (extraHeaders)
        for (const k in extraHeaders)
          if (!c.res.headers.has(k)) c.res.headers.set(k, extraHeaders[k]);
      const res = c.res;
      if (rendered === NOTHING && res.headers.get('content-type')?.includes('application/json')) {
        // A JSON body not made by c.json(): read it, and rebuild the response (a clone's tee leaks in undici).
        return res.text().then((text) => {
          c.res = new Response(text, { status: res.status, headers: res.headers });
          return record(res, text);
        });
      }
      return record(res, rendered === NOTHING ? undefined : renderedText);
    };
    // A route answers with its Response; a provider middleware sets c.res through its chain.
    const settle = (out: unknown) => {
      if (out instanceof Response) c.res = out;
      return finish();
    };
    const fail = (err: unknown) => {
      c.res = errorResponse(c, provider, err, deps.log);
      return finish();
    };

    let out: ReturnType<Handler<ProviderEnv>>;
    try {
      if (tooLarge)
        throw new ProviderError(provider.transport[413], provider.errors[provider.transport[413]]);
      const header = c.req.header(SCENARIO_HEADER);
      const rule = deps.faults.take(provider.name, tenant, op?.id ?? null, deps.random);
      const effect = header
        ? resolveScenario(provider, header)
        : rule
          ? ruleEffect(provider, rule)
          : null;
      if (effect) {
        scenario = header ? header : `rule ${rule!.id}: ${effect.label}`;
        c.set('scenario', scenario);
        return suffer(c, provider, effect)
          .then(() => handler(c, next))
          .then(settle, fail);
      }
      out = handler(c, next);
    } catch (err) {
      return fail(err);
    }
    return out instanceof Promise ? out.then(settle, fail) : settle(out);
  }

  const wrap =
    (handler: Handler<ProviderEnv>): Handler<ProviderEnv> =>
    (c, next) =>
      c.get('kit') ? handler(c, next) : pipeline(c, handler, next);
  const sub = new Hono<ProviderEnv>();
  for (const r of provider.routes().routes)
    sub.on(r.method, r.path, wrap(r.handler as Handler<ProviderEnv>));
  app.route(prefix, sub);
  return wrap(notFound) as unknown as NotFoundHandler;
}

const JSON_HEADERS = Object.freeze({ 'Content-Type': 'application/json' });

function ruleEffect(
  provider: ProviderModule,
  rule: { scenario: string | null; latencyMs: number },
): Effect {
  const effect = rule.scenario
    ? resolveScenario(provider, rule.scenario)
    : { latencyMs: 0, errorKey: null, drop: false, retryAfter: false, label: 'latency' };
  return {
    ...effect,
    latencyMs: effect.latencyMs + rule.latencyMs,
    label: rule.scenario ?? `latency ${rule.latencyMs}ms`,
  };
}

const NO_QUERY: Record<string, string> = Object.freeze({}) as Record<string, string>;

function queryOf(url: string): Record<string, string> {
  const at = url.indexOf('?');
  return at < 0 ? NO_QUERY : Object.fromEntries(new URLSearchParams(url.slice(at + 1)));
}

const isSandboxError = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  (body as { error?: { type?: string } }).error?.type === 'sandbox_error';
