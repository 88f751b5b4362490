// How a command reaches a running sandbox: its URL and the headers that authorise the call.

/** --url, KYC_SANDBOX_URL, or the default local sandbox; without a trailing slash. */
export const baseOf = (values: Record<string, unknown>) =>
  String(values.url ?? process.env.KYC_SANDBOX_URL ?? 'http://127.0.0.1:4010').replace(/\/$/, '');

/**
 * The admin token (--token or KYC_SANDBOX_ADMIN_TOKEN) for a sandbox bound beyond loopback, or one
 * tenant's own credential (--as provider:credential), which acts on that tenant only.
 */
export function headersOf(method: string, values: Record<string, string | boolean | undefined>) {
  const headers: Record<string, string> = {};
  if (method === 'POST') headers['content-type'] = 'application/json';
  const token = values.token ?? process.env.KYC_SANDBOX_ADMIN_TOKEN;
  if (typeof token === 'string' && token) headers.authorization = `Bearer ${token}`;
  if (typeof values.as === 'string') headers['x-sandbox-tenant'] = values.as;
  return headers;
}
