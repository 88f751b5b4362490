// GET /health and GET /providers: is it up, what is mounted, and how a client points at it.
import { Hono } from 'hono';
import type { Sandbox } from '../sandbox/types.js';

export function healthRoutes(sb: Sandbox) {
  return new Hono()
    .get('/health', (c) =>
      c.json({
        status: 'ok',
        seed: sb.seed,
        providers: sb.providers.map((p) => p.name),
        now: new Date(sb.time.now()).toISOString(),
        held: sb.stats(),
      }),
    )
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
    );
}
