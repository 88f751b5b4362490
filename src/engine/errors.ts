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
