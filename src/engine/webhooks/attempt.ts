// One webhook attempt over HTTP, recorded as the admin API shows it.
import { TRUNCATED_HEADER, type WebhookPost } from './post.js';

export interface Attempt {
  at: string;
  manual: boolean;
  status: number | null;
  error: string | null;
  /** The receiver's answer to a failed attempt, its first RECORDED_BODY characters. */
  responseBody: string | null;
  /** The answer was longer than what was read or recorded. */
  truncated: boolean;
  durationMs: number;
}

const TIMEOUT_MS = 5000;
/** Characters of a failed attempt's answer kept with the attempt. */
const RECORDED_BODY = 1024;

const errorText = (err: unknown) => {
  const e = err as Error & { cause?: Error };
  return e.cause ? String(e.cause.message) : e.message;
};

/**
 * POSTs `body` to `url` with the signature headers of instant `at`; never throws. `stopped` cuts
 * the attempt short (the sandbox is closing), recorded as interrupted.
 */
export async function attemptOnce(
  post: WebhookPost,
  target: { url?: string; body: string },
  how: { at: number; manual: boolean; headers: Record<string, string> },
  stopped: AbortSignal,
): Promise<Attempt> {
  const started = performance.now();
  const record: Attempt = {
    at: new Date(how.at).toISOString(),
    manual: how.manual,
    status: null,
    error: null,
    responseBody: null,
    truncated: false,
    durationMs: 0,
  };
  try {
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'kyc-sandbox-webhooks',
      ...how.headers,
    };
    const signal = AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), stopped]);
    const res = await post(target.url!, { method: 'POST', headers, body: target.body, signal });
    record.status = res.status;
    const text = await res.text();
    if (!res.ok) record.responseBody = text.slice(0, RECORDED_BODY);
    record.truncated = res.headers.has(TRUNCATED_HEADER) || text.length > RECORDED_BODY;
  } catch (err) {
    record.error = stopped.aborted
      ? 'interrupted: the sandbox stopped during the attempt'
      : errorText(err);
  }
  record.durationMs = Math.round(performance.now() - started);
  return record;
}
