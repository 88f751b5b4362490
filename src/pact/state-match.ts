// Provider-state names as people write them: matched to the catalogue leniently (case, punctuation,
// articles and the vendor's name do not count), and when nothing matches, the nearest sentences.
import type { ProviderModule, ProviderState } from '../engine/index.js';

/** Parameters every state takes besides its own: the harness applies them. */
export const HARNESS_PARAMS: Readonly<Record<string, string>> = {
  scenario:
    'a catalogue scenario every request of this interaction answers with (kyc-sandbox states / GET /_sandbox/scenarios)',
  event: 'for a message pact: the webhook event to read (and the one a `webhook` scenario shapes)',
  webhook:
    'a webhook scenario the events of this interaction show: duplicate, delay=10m, reorder, drop, bad_signature…',
};

const ARTICLES = new Set(['a', 'an', 'the', 'some', 'one', 'its', 'their', 'my', 'our']);

/** "The Capa user's link HAS expired." → "user link has expired" (for provider capa). */
export function normalize(name: string, provider: string): string {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== provider.toLowerCase() && !ARTICLES.has(w))
    .join(' ');
}

const namesOf = (s: ProviderState) => [s.name, ...(s.aliases ?? [])];

/** The catalogue state a pact's state name means: exact first, then leniently. */
export function resolveState(p: ProviderModule, name: string): ProviderState | undefined {
  const states = p.states ?? [];
  const exact = states.find((s) => s.name === name);
  if (exact) return exact;
  const wanted = normalize(name, p.name);
  return states.find((s) => namesOf(s).some((n) => normalize(n, p.name) === wanted));
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The closest of `known` to `word` (for warnings), nearest first. */
export function nearestOf(word: string, known: readonly string[], count = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: distance(word.toLowerCase(), k.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map((x) => x.k);
}

/** The catalogue sentences nearest an unknown state name, compared without vendor name and articles. */
export function nearestStates(p: ProviderModule, name: string, count = 3): string[] {
  const wanted = normalize(name, p.name);
  return (p.states ?? [])
    .map((s) => ({
      s: s.name,
      d: Math.min(...namesOf(s).map((n) => distance(wanted, normalize(n, p.name)))),
    }))
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map((x) => x.s);
}

/** Warnings for a state's parameters that neither the state nor the harness reads. */
export function unknownParams(
  state: ProviderState | undefined,
  params: Readonly<Record<string, unknown>>,
  stateName: string,
): string[] {
  const known = [...Object.keys(state?.params ?? {}), ...Object.keys(HARNESS_PARAMS)];
  return Object.keys(params)
    .filter((k) => !known.includes(k))
    .map(
      (k) =>
        `provider state "${stateName}" has no parameter "${k}" (nearest: ${nearestOf(k, known).join(', ')})`,
    );
}
