// A bounded request/response log per tenant: what a client sent and what the sandbox answered.
import { depthOver, MAX_JSON_DEPTH } from './input.js';
import { maskSecrets, maskValue, secretSet } from './secrets.js';
import { inFilter, tenantKey, type TenantFilter, type TenantRef } from './tenant.js';

export interface JournalEntry {
  id: number;
  at: string;
  provider: string;
  tenant: string;
  operation: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  durationMs: number;
  scenario: string | null;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  responseBody: unknown;
}

/** What the pipeline hands over: raw texts and headers, parsed and redacted only when listed. */
export interface JournalRecord extends Omit<
  JournalEntry,
  'id' | 'at' | 'requestHeaders' | 'requestBody' | 'responseBody'
> {
  /** Epoch ms on the tenant's clock. */
  at: number;
  /**
   * A listening server's raw header pairs ([name, value, name, value…], Node's rawHeaders), or the
   * Headers of an in-process request. Not the request object: keeping it would keep the whole
   * IncomingMessage alive for as long as the entry, and every entry through a young-generation GC.
   */
  requestHeaders: Headers | readonly string[];
  requestText: string | undefined;
  responseText: string | undefined;
}

export interface Journal {
  record(entry: JournalRecord): void;
  list(filter?: TenantFilter & { operation?: string; limit?: number }): JournalEntry[];
  reset(filter?: TenantFilter): void;
  /** Entries held, and of how many tenants. */
  stats(): { entries: number; tenants: number };
}

type Stored = JournalRecord & { id: number };

/** An entry as listed: credentials in headers, secret fields in query and bodies, masked. */
const view = (
  { requestText, responseText, requestHeaders, at, query, ...e }: Stored,
  secrets: ReadonlySet<string>,
): JournalEntry => ({
  ...e,
  at: new Date(at).toISOString(),
  query: maskSecrets(query, secrets) as Record<string, string>,
  requestHeaders: Object.fromEntries(
    headerPairs(requestHeaders).map(([k, v]) => [k, SECRET_HEADERS.test(k) ? redact(v) : v]),
  ),
  requestBody: maskSecrets(parseBody(requestText), secrets),
  responseBody: maskSecrets(parseBody(responseText), secrets),
});

function headerPairs(headers: Headers | readonly string[]): [string, string][] {
  if (!Array.isArray(headers)) return [...(headers as Headers)];
  const pairs: [string, string][] = [];
  for (let i = 0; i < headers.length; i += 2)
    pairs.push([headers[i].toLowerCase(), headers[i + 1]]);
  return pairs;
}

export const parseBody = (text: string | undefined): unknown => {
  if (!text) return null;
  try {
    // A body nested deeper than any vendor's stays text: listing it must not overflow a stack.
    const value: unknown = JSON.parse(text);
    if (!depthOver(value, MAX_JSON_DEPTH)) return value;
  } catch {
    /* not JSON: shown as text */
  }
  return text.length > 2048 ? `${text.slice(0, 2048)}…` : text;
};

/** `secretsOf` names a provider's secret fields (the engine's defaults and the provider's own). */
export function createJournal(
  perTenant = 100,
  secretsOf: (provider: string) => ReadonlySet<string> = () => secretSet(),
  maxTenants = 1000,
): Journal {
  // A fixed ring per tenant: the newest perTenant entries, each overwriting the oldest, so an entry
  // lives for perTenant requests and no longer (listing sorts by id). The bound is also a cost under
  // load: every live entry is copied by the next young-generation GC (the performance record has
  // the figures).
  const rings = new Map<string, { ref: TenantRef; entries: Stored[]; next: number }>();
  let last: string | undefined;
  let seq = 0;
  return {
    record(entry) {
      const k = tenantKey(entry);
      let ring = rings.get(k);
      if (!ring || k !== last) {
        // Moved to the end, so the map stays in order of last use (the most recent stays put).
        if (ring) rings.delete(k);
        else ring = { ref: entry, entries: [], next: 0 };
        rings.set(k, ring);
        last = k;
        // Past maxTenants rings, the tenant journaled least recently is forgotten.
        if (rings.size > maxTenants) rings.delete(rings.keys().next().value!);
      }
      // The record is the pipeline's own fresh object: stored as it is (request headers are
      // immutable, read only when the journal is listed).
      const stored = entry as Stored;
      stored.id = ++seq;
      if (stored.requestText && stored.requestText.length > 4096)
        stored.requestText = `${stored.requestText.slice(0, 4096)}…`;
      ring.entries[ring.next] = stored;
      ring.next = (ring.next + 1) % perTenant;
    },
    list(filter = {}) {
      const out: Stored[] = [];
      for (const ring of rings.values()) {
        for (const e of ring.entries) {
          if (!inFilter(filter, e)) continue;
          if (filter.operation && e.operation !== filter.operation) continue;
          out.push(e);
        }
      }
      out.sort((a, b) => b.id - a.id);
      return (filter.limit ? out.slice(0, filter.limit) : out).map((e) =>
        view(e, secretsOf(e.provider)),
      );
    },
    stats() {
      let entries = 0;
      for (const ring of rings.values()) entries += ring.entries.length;
      return { entries, tenants: rings.size };
    },
    reset(filter = {}) {
      for (const [k, ring] of rings) if (inFilter(filter, ring.ref)) rings.delete(k);
      last = undefined;
    },
  };
}

const SECRET_HEADERS = /authorization|cookie|api-key|client-key|secret|token|password/i;

export const redact = maskValue;
