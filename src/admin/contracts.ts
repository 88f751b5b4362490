// GET /contracts and /contracts/:provider: each provider's OpenAPI contract, as JSON or, with
// ?format=yaml, as the YAML file the sandbox loads.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { contractFile, SandboxError } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';

export function contractRoutes(sb: Sandbox) {
  return new Hono()
    .get('/contracts', (c) =>
      c.json(
        sb.providers.map((p) => ({
          provider: p.name,
          json: `/_sandbox/contracts/${p.name}`,
          yaml: `/_sandbox/contracts/${p.name}?format=yaml`,
        })),
      ),
    )
    .get('/contracts/:provider', (c) => {
      const p = sb.provider(c.req.param('provider'));
      const format = c.req.query('format') ?? 'json';
      if (format === 'json') return c.json(sb.contract(p.name).document);
      if (format !== 'yaml') throw new SandboxError(400, 'bad_format', '"format" is json or yaml');
      c.header('content-type', 'application/yaml; charset=utf-8');
      return c.body(readFileSync(p.contractFile ?? contractFile(p.name), 'utf8'));
    });
}
