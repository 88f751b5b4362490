// `kyc-sandbox listen`: like the Stripe CLI's, forwards one tenant's webhook events to a URL without
// registering anything with the vendor API, and prints the secret a receiver checks with and each
// attempt as it happens. The sandbox itself posts to the URL (as it would to a registered one, with
// the vendor's signature and retries); this command holds the listener open and reports.
import { parseArgs } from 'node:util';
import { baseOf, headersOf } from './connection.js';

export const LISTEN_HELP = `Webhooks on this machine (talks to a running sandbox, like the commands above):
  listen --provider p --forward-to URL [--tenant credential] [--json]
                       copies every later event of the tenant (default: the tenant of the provider's first fixture
                       credential) to URL, signed as the vendor signs; prints the secret to check with
                       and each attempt; Ctrl-C stops it. Shape events with: fault --provider p --webhook …
  trigger <provider> <event> [--session id]   (above) sends one documented event to it`;

const POLL_MS = 500;

interface Attempt {
  at: string;
  status: number | null;
  error: string | null;
}
interface Delivery {
  id: string;
  event: string;
  status: string;
  scenario: string | null;
  attempts: Attempt[];
}

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      provider: { type: 'string' },
      tenant: { type: 'string' },
      'forward-to': { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

/** One line per new attempt (and one for a delivery a scenario dropped), as text or JSON lines. */
function report(d: Delivery, from: number, json: boolean) {
  const lines: string[] = [];
  const shaped = d.scenario ? ` [${d.scenario}]` : '';
  if (d.status === 'dropped' && from === 0)
    lines.push(json ? JSON.stringify({ ...d, attempts: undefined }) : `${d.event}  ${d.id}  dropped${shaped}`);
  d.attempts.slice(from).forEach((a, i) => {
    const outcome = a.status === null ? `failed: ${a.error}` : `→ ${a.status}`;
    lines.push(
      json
        ? JSON.stringify({ id: d.id, event: d.event, attempt: from + i + 1, ...a, scenario: d.scenario })
        : `${a.at}  ${d.event}  ${d.id}  attempt ${from + i + 1} ${outcome}${shaped}`,
    );
  });
  return lines;
} // prettier-ignore

function secretLines(body: Record<string, unknown>) {
  const v = body.verification as Record<string, string> | null;
  if (!v) return ['The vendor does not sign its webhooks: nothing to check.'];
  const lines = [`Receivers check: ${v.scheme}`];
  if (v.secret) lines.push(`  secret: ${v.secret}`);
  if (v.keyId) lines.push(`  key id: ${v.keyId}`);
  if (v.publicKey) lines.push(`  public key:\n${v.publicKey.trim()}`);
  return lines;
}

export async function listen(argv: string[]): Promise<number> {
  let values;
  try {
    values = options(argv);
  } catch (err) {
    process.stderr.write(`kyc-sandbox listen: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${LISTEN_HELP}\n`);
    return 0;
  }
  const forwardTo = values['forward-to'];
  if (!values.provider || !forwardTo) {
    process.stderr.write('kyc-sandbox listen: --provider and --forward-to are needed\n');
    return 2;
  }
  const base = `${baseOf(values)}/_sandbox/webhooks/listeners`;
  const json = values.json === true;
  const call = (method: string, path = '', body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: headersOf(method, values),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let created: Response;
  try {
    created = await call('POST', '', { provider: values.provider, tenant: values.tenant, url: forwardTo });
  } catch (err) {
    process.stderr.write(`kyc-sandbox: no sandbox answers at ${baseOf(values)} (${(err as Error).message})\n`);
    return 1;
  } // prettier-ignore
  const body = (await created.json()) as Record<string, unknown>;
  if (!created.ok) {
    process.stderr.write(`${JSON.stringify(body, null, 2)}\n`);
    return 1;
  }
  const out = (lines: string[]) => lines.length && process.stdout.write(`${lines.join('\n')}\n`);
  if (json) out([JSON.stringify(body)]);
  else out([`Forwarding ${values.provider} events of ${body.tenant} to ${forwardTo} (${body.id})`, ...secretLines(body)]);
  return follow(String(body.id), call, (d, from) => out(report(d, from, json)));
} // prettier-ignore

/** Polls the listener's deliveries until a signal stops it (the listener is then deleted). */
function follow(
  id: string,
  call: (method: string, path?: string) => Promise<Response>,
  print: (d: Delivery, from: number) => void,
): Promise<number> {
  const printed = new Map<string, number>();
  return new Promise((resolve) => {
    let stopped = false;
    const stop = (code: number) => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      void call('DELETE', `/${id}`)
        .catch(() => undefined)
        .then(() => resolve(code));
    };
    const poll = async () => {
      const res = await call('GET', `/${id}/deliveries`).catch(() => undefined);
      if (!res?.ok) {
        process.stderr.write(`kyc-sandbox listen: the sandbox ${res ? `answered ${res.status}` : 'went away'}\n`);
        return stop(1);
      } // prettier-ignore
      for (const d of (await res.json()) as Delivery[]) {
        const from = printed.get(d.id) ?? 0;
        if (
          d.attempts.length > from ||
          (from === 0 && d.status === 'dropped' && !printed.has(d.id))
        )
          print(d, from);
        printed.set(d.id, d.attempts.length);
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
  });
}
