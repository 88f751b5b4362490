// One round of load (autocannon, 50 connections, POST), shared by the benchmarks.
import autocannon from 'autocannon';

export const CONNECTIONS = 50;
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);

/**
 * One round. p50 and p99 come from every response's own time (autocannon's 'response' event, the
 * figure its histogram records): the histogram keeps whole milliseconds, and at 3–5 ms a 1 ms step
 * moves a p99 ratio by a third.
 */
export async function load(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: string,
) {
  const times = new Float64Array(DURATION_S * 100_000); // room for 100k responses a second
  let n = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: url + path,
        connections: CONNECTIONS,
        duration: DURATION_S,
        method: 'POST',
        headers,
        body,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    run.on('response', (_client, _status, _bytes, ms) => {
      if (n < times.length) times[n++] = ms;
    });
  });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${r.non2xx} non-2xx and ${r.errors} errors at ${path}`);
  const sorted = times.subarray(0, n).sort();
  const at = (q: number) => Math.round(sorted[Math.ceil(q * n) - 1] * 100) / 100;
  return { rps: Math.round(r.requests.average), p50: at(0.5), p99: at(0.99) };
}
