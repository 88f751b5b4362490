// Two kinds of error. ProviderError carries a row of a vendor's documented error table and is
// rendered in that vendor's envelope. SandboxError is misuse of the sandbox itself (bad admin call,
// bad config) and has the sandbox's own shape with a hint, so nobody mistakes it for the vendor.

export interface ErrorRow {
  status: number;
  /** The vendor's code, when it has one (Capa "NOT_FOUND_ERROR", Kulipa "duplicate_user_error", Faceki 5009). */
  code?: string | number;
  /** Verbatim message; `{name}` placeholders are filled from the thrown error's vars. */
  message: string;
  /** Why this row exists when the vendor's docs do not list it. */
  note?: string;
}

export type ErrorTable = Record<string, ErrorRow>;

export class ProviderError extends Error {
  constructor(
    readonly key: string,
    readonly row: ErrorRow,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(row.message);
  }
}

export function fillMessage(message: string, vars: Record<string, unknown> = {}): string {
  return message.replace(/\{(\w+)\}/g, (m, name: string) =>
    vars[name] === undefined ? m : String(vars[name]),
  );
}

/**
 * Binds an error table: `const fail = errorThrower(table)`, then `throw fail('NOT_FOUND_ERROR')`.
 * `vars` fill `{placeholders}`; `details` travel to the renderer (e.g. validation issues).
 */
export function errorThrower<T extends ErrorTable>(table: T) {
  return (
    key: keyof T & string,
    opts: {
      vars?: Record<string, unknown>;
      details?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const row = table[key];
    return new ProviderError(
      key,
      { ...row, message: fillMessage(row.message, opts.vars) },
      opts.details,
      opts.headers,
    );
  };
}

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: {
        type: 'sandbox_error',
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
      },
    };
  }
}

/**
 * The transport rows every provider's table has (an unknown path, a body over the limit, and the
 * failures QA forces as scenarios), as one vendor renders them by default. A provider spreads
 * `transportRows({...})` into its table, giving only what its envelope does differently.
 */
const TRANSPORT_DEFAULTS = {
  ROUTE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: 'Not Found', note: 'an unknown path under the provider' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Payload Too Large', note: 'a body over the limit' },
  TOO_MANY_REQUESTS: { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Too Many Requests', note: 'transport scenario' },
  BAD_GATEWAY: { status: 502, code: 'BAD_GATEWAY', message: 'Bad Gateway', note: 'transport scenario' },
  SERVICE_UNAVAILABLE: { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable', note: 'transport scenario' },
  GATEWAY_TIMEOUT: { status: 504, code: 'GATEWAY_TIMEOUT', message: 'Gateway Timeout', note: 'transport scenario' },
} as const satisfies ErrorTable; // prettier-ignore

export type TransportKey = keyof typeof TRANSPORT_DEFAULTS;

export function transportRows(
  overrides: Partial<Record<TransportKey, Partial<ErrorRow>>> = {},
  /** Applied to every row before its own override, e.g. a vendor that has no codes: () => ({ code: undefined }). */
  each: (row: ErrorRow) => Partial<ErrorRow> = () => ({}),
): Record<TransportKey, ErrorRow> {
  const out = {} as Record<TransportKey, ErrorRow>;
  for (const [key, row] of Object.entries(TRANSPORT_DEFAULTS) as [TransportKey, ErrorRow][]) {
    const merged: ErrorRow = { ...row, ...each(row), ...overrides[key] };
    if (merged.code === undefined) delete merged.code;
    out[key] = merged;
  }
  return out;
}

/** A provider's transport map: the default rows by status, and the vendor's own row for a 500. */
export const transportKeys = (internal: string) =>
  ({
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: internal,
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  }) as const;
