// The request pipeline of a provider route, as named stages read top to bottom:
//
//   body → tenant → faults → auth → handler → render → contract check → journal
//
// Each stage is a plain function of the exchange (one request's state). The pipeline stays
// synchronous while every stage is: a body read ahead of the app (read-ahead.ts), no forced
// scenario and a handler that answers at once give node-server its Response without a promise in
// between. A stage that has to wait (a streamed body, a latency scenario, an async handler)
// continues the rest as a promise.
import type { Context, Handler, Next } from 'hono';
import type { Logger } from 'pino';
import {
  ProviderError,
  redact,
  reply,
  resolveScenario,
  SandboxError,
  type Contract,
  type Effect,
  type FaultRules,
  type Journal,
  type Kit,
  type Operation,
  type ProviderEnv,
  type ProviderModule,
  type TenantRef,
} from '../engine/index.js';
import { parseBody } from '../engine/journal.js';
import { bodyReadAhead, TOO_LARGE } from './read-ahead.js';
import { ruleEffect, suffer } from './suffer.js';

export interface PipelineDeps {
  provider: ProviderModule;
  contract: Contract;
  kitFor(provider: string, tenant: string): Kit;
  faults: FaultRules;
  journal: Journal;
  random: () => number;
  log: Logger;
  bodyLimit: number;
  /** Tests: check every response against the contract; a violation becomes a 500 sandbox error. */
  onContractViolation?: (message: string) => void;
  /**
   * A durable state backend's unit of work around everything after the tenant is known: it may
   * wait before `run` (another instance's changes), and commits what `run` changed before the
   * answer leaves; `fail` answers when the backend cannot.
   */
  unit?: (ref: TenantRef, run: () => Answer, fail: (err: unknown) => Answer) => Answer;
}

export const SCENARIO_HEADER = 'x-sandbox-scenario';

/** One request on its way through the stages. */
interface Exchange {
  c: Context<ProviderEnv>;
  handler: Handler<ProviderEnv>;
  next: Next;
  started: number;
  requestText: string | undefined;
  op: Operation | undefined;
  tenant: string;
  kit: Kit;
  scenario: string | null;
}

type Answer = Response | Promise<Response>;

/**
 * A provider's routes behind the pipeline: `wrap` for each route handler, and `notFound` for a path
 * under the provider's prefix that matches none of them (the vendor's 404, where auth does not run).
 */
export function pipeline(deps: PipelineDeps) {
  const stages = new Stages(deps);
  const wrap =
    (handler: Handler<ProviderEnv>): Handler<ProviderEnv> =>
    (c, next) =>
      // A chain's later handlers (after the first one ran the pipeline) run as they are.
      c.get('kit') ? handler(c, next) : stages.body(c, handler, next);
  return { wrap, notFound: wrap(stages.notFound) };
}

/** The stages, in the order a request meets them. */
class Stages {
  private readonly provider: ProviderModule;
  private readonly prefixLength: number;

  constructor(private readonly deps: PipelineDeps) {
    this.provider = deps.provider;
    this.prefixLength = deps.provider.name.length + 1;
  }

  readonly notFound: Handler<ProviderEnv> = () => {
    throw providerError(this.provider, 404);
  };

  /** body: as the server read it ahead (over the limit: tooLarge), else through Hono. */
  body(c: Context<ProviderEnv>, handler: Handler<ProviderEnv>, next: Next): Answer {
    const x = { c, handler, next, started: performance.now() } as Exchange;
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return this.tenant(x, undefined, false);
    const limit = this.deps.bodyLimit;
    const ahead = bodyReadAhead(c, limit);
    if (ahead === TOO_LARGE) return this.tenant(x, undefined, true);
    if (ahead !== undefined) return this.tenant(x, ahead, false);
    // In process (app.request): no server read it; a body is read whole, then measured.
    if (Number(c.req.header('content-length') ?? 0) > limit) return this.tenant(x, undefined, true);
    return c.req.text().then((text) => this.tenant(x, text, Buffer.byteLength(text) > limit));
  }

  /** tenant: the credential the request presents names its tenant; the contract names its operation. */
  tenant(x: Exchange, requestText: string | undefined, tooLarge: boolean): Answer {
    const { c } = x;
    const { provider, deps } = this;
    x.requestText = requestText;
    // HEAD is answered by the GET route (as Hono does), so it is the GET operation.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    x.op = deps.contract.match(method, c.req.path.slice(this.prefixLength) || '/');
    x.tenant =
      provider.tenantOf(c.req.raw.headers, c.req, tooLarge ? undefined : requestText) ?? '';
    if (!deps.unit) return this.inTenant(x, tooLarge);
    const ref = { provider: provider.name, tenant: x.tenant };
    return deps.unit(
      ref,
      () => this.inTenant(x, tooLarge),
      () => this.inTenant(x, false, providerError(provider, 503)),
    );
  }

  /** The tenant's kit on the context, then faults; `failed`: the state backend could not serve. */
  inTenant(x: Exchange, tooLarge: boolean, failed?: ProviderError): Answer {
    const { c } = x;
    const { provider, deps } = this;
    if (failed) c.set('rendered', undefined);
    x.kit = deps.kitFor(provider.name, x.tenant);
    x.scenario = null;
    c.set('kit', x.kit);
    c.set('operation', x.op?.id ?? null);
    c.set('requestText', x.requestText);
    try {
      if (failed) throw failed;
      if (tooLarge) throw providerError(provider, 413);
      const effect = this.faults(x);
      if (effect)
        return suffer(provider, c, effect).then(
          () => this.handle(x),
          (err) => this.render(x, err),
        );
    } catch (err) {
      return this.render(x, err);
    }
    return this.handle(x);
  }

  /** faults: a scenario header or the tenant's next matching fault rule, if any. */
  faults(x: Exchange): Effect | null {
    const header = x.c.req.header(SCENARIO_HEADER);
    if (header) {
      x.scenario = header;
      x.c.set('scenario', header);
      return resolveScenario(this.provider, header);
    }
    const { deps } = this;
    const rule = deps.faults.take(this.provider.name, x.tenant, x.op?.id ?? null, deps.random);
    if (!rule) return null;
    const effect = ruleEffect(this.provider, rule);
    x.scenario = `rule ${rule.id}: ${effect.label}`;
    x.c.set('scenario', x.scenario);
    return effect;
  }

  /** auth, then the handler: the vendor's credentials check runs before every route. */
  handle(x: Exchange): Answer {
    let out: ReturnType<Handler<ProviderEnv>>;
    try {
      if (this.provider.auth && x.handler !== this.notFound)
        x.c.set('principal', this.provider.auth(x.c));
      out = x.handler(x.c, x.next);
    } catch (err) {
      return this.render(x, err);
    }
    return out instanceof Promise
      ? out.then(
          (res) => this.render(x, undefined, res),
          (err) => this.render(x, err),
        )
      : this.render(x, undefined, out);
  }

  /** render: the handler's Response, or the vendor's envelope for what it threw; vendor headers. */
  render(x: Exchange, err: unknown, out?: unknown): Answer {
    const { c } = x;
    if (err !== undefined) c.res = errorResponse(c, this.provider, err, this.deps.log);
    else if (out instanceof Response) c.res = out;
    const extra = this.provider.responseHeaders?.(x.kit);
    if (extra) for (const k in extra) if (!c.res.headers.has(k)) c.res.headers.set(k, extra[k]);
    const rendered = c.get('rendered');
    if (rendered) return this.finish(x, rendered.body, rendered.text);
    const res = c.res;
    if (!res.headers.get('content-type')?.includes('application/json')) return this.finish(x);
    // A JSON body not made by reply(): read it, and rebuild the response (a clone's tee leaks in undici).
    return res.text().then((text) => {
      c.res = new Response(text, { status: res.status, headers: res.headers });
      return this.finish(x, parseBody(text), text);
    });
  }

  finish(x: Exchange, body?: unknown, text?: string): Response {
    if (this.deps.onContractViolation && x.op && text !== undefined) this.contractCheck(x, body);
    this.journal(x, text);
    return x.c.res;
  }

  /** contract check (tests): a response outside the contract becomes a 500 sandbox error. */
  contractCheck(x: Exchange, body: unknown) {
    if (isSandboxError(body)) return;
    const problem = this.deps.contract.checkResponse(x.op!, x.c.res.status, body);
    if (!problem) return;
    this.deps.onContractViolation!(problem);
    x.c.res = reply(x.c, new SandboxError(500, 'contract_violation', problem).toJSON(), 500);
  }

  /** journal: what the client sent and got, on the tenant's clock; a log line when info is on. */
  journal(x: Exchange, responseText: string | undefined) {
    const { c } = x;
    const { provider, deps } = this;
    const status = c.res.status;
    const durationMs = Math.round((performance.now() - x.started) * 100) / 100;
    const path = c.req.path;
    deps.journal.record({
      at: x.kit.now(),
      provider: provider.name,
      tenant: x.tenant,
      operation: x.op?.id ?? null,
      method: c.req.method,
      path: path.slice(this.prefixLength) || '/',
      query: queryOf(c.req.url),
      status,
      durationMs,
      scenario: x.scenario,
      requestHeaders:
        (c.env as { incoming?: { rawHeaders: string[] } } | undefined)?.incoming?.rawHeaders ??
        c.req.raw.headers,
      requestText: x.requestText,
      responseText,
    });
    if (deps.log.isLevelEnabled('info')) {
      const tenant = x.tenant && redact(x.tenant);
      const line = { provider: provider.name, operation: x.op?.id, tenant, status, ms: durationMs };
      deps.log.info({ ...line, scenario: x.scenario }, `${c.req.method} ${path}`);
    }
  }
}

export function providerError(provider: ProviderModule, status: keyof ProviderModule['transport']) {
  const key = provider.transport[status];
  return new ProviderError(key, provider.errors[key]);
}

export function errorResponse(
  c: Context<ProviderEnv>,
  provider: ProviderModule,
  err: unknown,
  log: Logger,
): Response {
  if (err instanceof SandboxError) return reply(c, err.toJSON(), err.status as 400);
  if (!(err instanceof ProviderError)) {
    log.error({ err, provider: provider.name }, 'unhandled error in provider handler');
    err = providerError(provider, 500);
  }
  const e = err as ProviderError;
  const res = reply(c, provider.renderError(e.row, e.key, e.details), e.row.status as 400);
  for (const [k, v] of Object.entries(e.headers ?? {})) res.headers.set(k, v);
  return res;
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
