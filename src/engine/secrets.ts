// Secrets as people see them: masked the same way everywhere (journal, dashboard, logs), so a key can
// be told apart from another — its first four and last four characters — but never read back.

/** An identifiable mask: "capa…0001"; short values show nothing. */
export const maskValue = (value: string): string =>
  value.length <= 12 ? '****' : `${value.slice(0, 4)}…${value.slice(-4)}`;

/**
 * Field names whose values are secrets in any vendor's bodies and queries; a provider adds its own
 * (ProviderModule.secrets). Matched case-insensitively, on the field's own name.
 */
export const SECRET_FIELDS: readonly string[] = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'secret',
  'clientSecret',
  'client_secret',
  'webhookSecret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'apiKey',
  'api_key',
  'otp',
  'otpCode',
];

export const secretSet = (extra: readonly string[] = []): ReadonlySet<string> =>
  new Set([...SECRET_FIELDS, ...extra].map((n) => n.toLowerCase()));

/** A copy of a parsed body with every secret field's string value masked (depth-bounded input). */
export function maskSecrets(value: unknown, secrets: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, secrets));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] =
      secrets.has(k.toLowerCase()) && typeof v === 'string'
        ? maskValue(v)
        : maskSecrets(v, secrets);
  return out;
}
