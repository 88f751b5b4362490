// The provider-state catalogue: every sentence a pact may `given(...)`, from every mounted provider.
import type { ProviderModule } from '../engine/index.js';

export interface CatalogueEntry {
  provider: string;
  state: string;
  /** Other phrasings matched to it (as leniently as the name). */
  aliases: readonly string[];
  params: Readonly<Record<string, string>>;
  provides: Readonly<Record<string, string>>;
}

export const stateCatalogue = (
  providers: readonly ProviderModule[],
  only?: string,
): CatalogueEntry[] =>
  providers
    .filter((p) => !only || p.name === only)
    .flatMap((p) =>
      (p.states ?? []).map((s) => ({
        provider: p.name,
        state: s.name,
        aliases: s.aliases ?? [],
        params: s.params ?? {},
        provides: s.provides ?? {},
      })),
    );

/** For people: provider headings, each sentence with its parameters and what it returns. */
export function formatCatalogue(entries: readonly CatalogueEntry[]): string {
  const lines: string[] = [];
  let current = '';
  for (const e of entries) {
    if (e.provider !== current) {
      current = e.provider;
      lines.push('', `${current}`);
    }
    lines.push(`  "${e.state}"`);
    if (e.aliases.length) lines.push(`      also     ${e.aliases.map((a) => `"${a}"`).join(', ')}`);
    for (const [k, v] of Object.entries(e.params)) lines.push(`      param    ${k}: ${v}`);
    for (const [k, v] of Object.entries(e.provides))
      lines.push(`      provides ${k}: ${v}  (fromProviderState('\${${k}}', …))`);
  }
  return `${lines.join('\n').trimStart()}\n`;
}
