// A bounded request/response log per tenant: what a client sent and what the sandbox answered.

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

export interface Journal {
  record(entry: Omit<JournalEntry, 'id'>): void;
  list(filter?: { provider?: string; tenant?: string; operation?: string; limit?: number }): JournalEntry[];
  reset(filter?: { provider?: string; tenant?: string }): void;
}

export function createJournal(perTenant = 200): Journal {
  const rings = new Map<string, JournalEntry[]>();
  let seq = 0;
  return {
    record(entry) {
      const k = `${entry.provider}\u0000${entry.tenant}`;
      let ring = rings.get(k);
      if (!ring) rings.set(k, (ring = []));
      ring.push({ id: ++seq, ...entry });
      if (ring.length > perTenant) ring.splice(0, ring.length - perTenant);
    },
    list(filter = {}) {
      const out: JournalEntry[] = [];
      for (const ring of rings.values()) {
        for (const e of ring) {
          if (filter.provider && e.provider !== filter.provider) continue;
          if (filter.tenant !== undefined && e.tenant !== filter.tenant) continue;
          if (filter.operation && e.operation !== filter.operation) continue;
          out.push(e);
        }
      }
      out.sort((a, b) => b.id - a.id);
      return filter.limit ? out.slice(0, filter.limit) : out;
    },
    reset(filter = {}) {
      for (const k of [...rings.keys()]) {
        const [provider, tenant] = k.split('\u0000');
        if ((!filter.provider || filter.provider === provider) && (filter.tenant === undefined || filter.tenant === tenant)) rings.delete(k);
      }
    },
  };
}

const SECRET_HEADERS = /authorization|cookie|api-key|client-key|secret|token|password/i;

/** Request headers as journalled and logged: credentials reduced to their first four characters. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.test(name) ? redact(value) : value;
  });
  return out;
}

export const redact = (value: string) => (value.length <= 8 ? '****' : `${value.slice(0, 4)}…(${value.length})`);
