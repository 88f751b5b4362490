// Every documented endpoint, per provider: the operations of its contract (each answered by a route)
// and the endpoints it documents but the sandbox does not emulate (ProviderModule.notEmulated). The
// README blocks are generated from this, and test/coverage.test.ts checks routes against contracts.
import type { ProviderModule } from '../src/engine/index.js';
import { contractOf } from './suites/contract-file.js';

export interface Endpoint {
  method: string;
  path: string;
}

/** A path with its parameter names dropped: /users/{id} and /users/:userId are one endpoint. */
export const shapeOf = (path: string) =>
  path
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, '{}')
    .replace(/\/$/, '') || '/';

/** The routes a provider's sub-app answers (middleware registered with `use` left out). */
export function routesOf(p: ProviderModule): Endpoint[] {
  return p
    .routes()
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method.toUpperCase(), path: r.path }));
}

export function operationsOf(p: ProviderModule) {
  const contract = contractOf(p);
  return contract.operations.map((o) => {
    const doc = (contract.document.paths as Record<string, Record<string, { summary?: string }>>)[
      o.path
    ]![o.method.toLowerCase()]!;
    return { method: o.method, path: o.path, id: o.id, summary: doc.summary ?? '' };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The coverage table of one provider, as its README shows it. */
export function coverageTable(p: ProviderModule): string {
  const rows = [
    '| method | path | operation | |',
    '|---|---|---|---|',
    ...operationsOf(p).map(
      (o) => `| ${o.method} | \`${o.path}\` | \`${o.id}\` | ${cell(o.summary) || 'emulated'} |`,
    ),
    ...(p.notEmulated ?? []).map(
      (n) => `| ${n.method} | \`${n.path}\` | — | **not emulated**: ${cell(n.reason)} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}

/** The top-level README's summary: per provider, operations emulated and documented-but-not. */
export function coverageSummary(providers: readonly ProviderModule[]): string {
  const rows = ['| provider | endpoints emulated | documented, not emulated |', '|---|---|---|'];
  for (const p of providers) {
    const missing = (p.notEmulated ?? []).map((n) => `\`${n.method} ${n.path}\``).join(', ');
    rows.push(
      `| [${p.title}](src/providers/${p.name}/README.md) | ${operationsOf(p).length} | ${missing || '—'} |`,
    );
  }
  return `${rows.join('\n')}\n`;
}
