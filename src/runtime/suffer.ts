// What a forced scenario does to a request before its handler runs: the effect of a fault rule,
// then waiting, dropping the socket, or failing in the vendor's envelope.
import type { Context } from 'hono';
import {
  ProviderError,
  resolveScenario,
  SandboxError,
  type Effect,
  type FaultRule,
  type ProviderModule,
} from '../engine/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a forced scenario does before the handler: wait, drop the socket, or fail as the vendor. */
export async function suffer(provider: ProviderModule, c: Context, effect: Effect) {
  if (effect.latencyMs) await sleep(effect.latencyMs);
  if (effect.drop) {
    const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)
      ?.incoming;
    if (!incoming?.socket)
      throw new SandboxError(
        500,
        'cannot_drop',
        'drop_connection needs a real socket',
        'in-process app.request() calls have none; call a listening sandbox',
      );
    incoming.socket.destroy();
    return;
  }
  if (effect.errorKey) {
    const retry = effect.retryAfter ? { 'retry-after': '30' } : undefined;
    throw new ProviderError(effect.errorKey, provider.errors[effect.errorKey], undefined, retry);
  }
}

export function ruleEffect(provider: ProviderModule, rule: FaultRule): Effect {
  const effect = rule.scenario
    ? resolveScenario(provider, rule.scenario)
    : { latencyMs: 0, errorKey: null, drop: false, retryAfter: false, label: 'latency' };
  return {
    ...effect,
    latencyMs: effect.latencyMs + rule.latencyMs,
    label: rule.scenario ?? `latency ${rule.latencyMs}ms`,
  };
}
