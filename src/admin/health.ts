// GET /health and GET /providers: is it up, what is mounted, and how a client points at it.
import { Hono } from 'hono';
import type { Sandbox } from '../sandbox/types.js';

export function healthRoutes(sb: Sandbox) {
  return (
    new Hono()
      // 503 while the state backend is unreachable: a load balancer takes the instance out.
      .get('/health', async (c) => {
        const state = await sb.stateHealth();
        return c.json(
          {
            status: state.reachable ? 'ok' : 'unavailable',
            seed: sb.seed,
            providers: sb.providers.map((p) => p.name),
            now: new Date(sb.time.now()).toISOString(),
            state,
            held: sb.stats(),
          },
          state.reachable ? 200 : 503,
        );
      })
      .get('/providers', (c) =>
        c.json(
          sb.providers.map((p) => ({
            name: p.name,
            title: p.title,
            baseUrl: `${sb.publicUrl}/${p.name}${p.clientBase}`,
            docs: p.docs,
            credentials: p.credentials(),
            options: sb.optionsText(p.name),
            magic: p.magic ?? [],
          })),
        ),
      )
  );
}
