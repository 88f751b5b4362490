// The sandbox a verification runs against: listening on a free port, a frozen clock (stable
// timestamps), every response checked against its contract, and webhooks captured rather than sent,
// so message pacts can read what the provider's own webhook code produced.
import type { ProviderModule, ProviderState, StateContext } from '../engine/index.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import { resolveState } from './state-match.js';

/** Where states point webhook settings; nothing listens there, the harness's fetch answers for it. */
export const WEBHOOK_SINK = 'http://webhooks.pact.invalid/hook';

export interface CapturedWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Harness {
  sb: Sandbox;
  url: string;
  /** Webhooks sent since the last reset, in the order they were sent. */
  captured: CapturedWebhook[];
  /** Back to an empty sandbox: before every interaction. */
  reset(): void;
  /**
   * pact-js stateHandlers for one provider, under the names a pact uses: each matched to its
   * catalogue sentence leniently; a `scenario` parameter (or the state's own) becomes a fault rule.
   */
  stateHandlers(
    p: ProviderModule,
    names: readonly string[],
  ): Record<string, { setup: (params?: unknown) => Promise<Record<string, unknown>> }>;
  /** The newest webhook the provider queued during state setup (of `event`, when named), as Pact expects a message. */
  lastWebhook(
    provider: string,
    event?: string,
  ): { __pactMessageMetadata: Record<string, string>; message: unknown };
  close(): Promise<void>;
}

/** A fetch that records each webhook and answers 200, so nothing leaves the process. */
function captureInto(captured: CapturedWebhook[]): typeof fetch {
  return async (input, init) => {
    captured.push({
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: String(init?.body ?? ''),
    });
    return new Response('ok', { status: 200 });
  };
}

/** What a provider state's setup works with: this sandbox's kits, and requests made in-process. */
function stateContext(sb: Sandbox, p: ProviderModule): StateContext {
  return {
    webhookUrl: WEBHOOK_SINK,
    kit: (tenant) => sb.kit(p.name, tenant),
    async request<T>(
      method: string,
      path: string,
      init: { headers?: Record<string, string>; json?: unknown } = {},
    ) {
      const headers = {
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      };
      const res = await sb.app.request(path, {
        method,
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const text = await res.text();
      if (!res.ok)
        throw new Error(
          `state setup: ${method} ${path} answered ${res.status} ${text.slice(0, 300)}`,
        );
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
    },
  };
}

async function runState(
  sb: Sandbox,
  p: ProviderModule,
  state: ProviderState | undefined,
  params: unknown,
) {
  const given = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  // Before the setup, so the events it causes (a message pact's) are shaped too.
  if (typeof given.webhook === 'string')
    sb.faults.add({
      provider: p.name,
      webhook: given.webhook,
      event: typeof given.event === 'string' ? given.event : null,
    });
  const provided = state ? await state.setup(stateContext(sb, p), given) : {};
  // Deliver what the setup queued now, so a message pact finds it.
  await sb.webhooks.flush();
  // After the setup, whose own requests must succeed: the interaction's requests get the scenario.
  // A state that reads `scenario` itself (a one-shot "fails the next request") keeps it.
  const own = state?.params !== undefined && 'scenario' in state.params;
  const scenario = own
    ? undefined
    : typeof given.scenario === 'string'
      ? given.scenario
      : state?.scenario;
  if (scenario) sb.faults.add({ provider: p.name, scenario });
  return provided;
}

function lastWebhook(
  sb: Sandbox,
  captured: readonly CapturedWebhook[],
  provider: string,
  event?: string,
): ReturnType<Harness['lastWebhook']> {
  // Deliveries run concurrently, so arrival order is not send order: take the newest queued one.
  const queued = sb.webhooks
    .list({ provider })
    .filter((d) => (!event || d.event === event) && captured.some((c) => c.body === d.body));
  const last = queued.at(-1);
  if (!last)
    throw new Error(
      `${provider} sent no ${event ? `${event} ` : ''}webhook while the provider states were set up`,
    );
  const sent = captured.filter((c) => c.body === last.body).at(-1)!;
  return { __pactMessageMetadata: sent.headers, message: JSON.parse(sent.body) as unknown };
}

export async function startHarness(
  opts: Pick<SandboxOptions, 'seed' | 'options' | 'providers' | 'publicUrl' | 'state'> & {
    port?: number;
  } = {},
): Promise<Harness> {
  const captured: CapturedWebhook[] = [];
  const { port = 0, ...sandboxOpts } = opts;
  const sb = createSandbox({
    ...sandboxOpts,
    clock: { mode: 'frozen' },
    validateResponses: true,
    fetch: captureInto(captured),
  });
  const { url } = await sb.listen(port);
  return {
    sb,
    url,
    captured,
    reset() {
      sb.reset();
      captured.length = 0;
    },
    stateHandlers: (p, names) =>
      Object.fromEntries(
        names.map((name) => {
          const state = resolveState(p, name);
          return [name, { setup: (params?: unknown) => runState(sb, p, state, params) }];
        }),
      ),
    lastWebhook: (provider, event) => lastWebhook(sb, captured, provider, event),
    close: () => sb.close(),
  };
}
