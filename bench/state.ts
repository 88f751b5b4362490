// `npm run bench:state`: the state backends. Throughput of authorized Capa link generation on
// file: and redis: (one instance, its own LMDB directory or redis-server) next to the bare Hono app
// in the same run, alternating rounds as bench/run.ts does; and the restart of a file: sandbox
// holding 100k records (spawn → first 200 from /_sandbox/health).
// Floors (issue #19): each backend ≥ 0.3× bare Hono's throughput; restart with 100k records ≤ 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createSandbox } from '../src/sandbox/index.js';
import { startRedis } from '../test/redis-server.js';
import { CONNECTIONS, DURATION_S, load } from './load.js';
import { BARE, KEY, PIN, SANDBOX, startServer, stop, unpin } from './server.js';

const ROUNDS = 3;
const RECORDS = 100_000;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const headers = { 'partner-api-key': KEY, 'content-type': 'application/json' };

async function throughput(state: string) {
  const bare = await startServer(BARE, true);
  const sandbox = await startServer([...SANDBOX, '--state', state], true);
  const user = await fetch(`${sandbox.url}/capa/api/partner/v2/users`, {
    method: 'POST',
    headers,
    body: '{"type":"INDIVIDUAL","email":"bench@example.com"}',
  });
  const { data } = (await user.json()) as { data: { userId: string } };
  const linkPath = `/capa/api/partner/v2/users/${data.userId}/kyc/verification-link`;
  const warm = { connections: CONNECTIONS, duration: 3, method: 'POST' as const };
  await autocannon({ url: bare.url + '/x', ...warm });
  await autocannon({ url: sandbox.url + linkPath, ...warm, headers, body: '{"country":"MX"}' });
  const ratios: number[] = [];
  const rps: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const b = await load(bare.url, '/x', { 'content-type': 'application/json' }, '{}');
    const s = await load(sandbox.url, linkPath, headers, '{"country":"MX"}');
    ratios.push(s.rps / b.rps);
    rps.push(s.rps);
  }
  await Promise.all([stop(bare.child), stop(sandbox.child)]);
  return { ratio: median(ratios), rps: median(rps), ratios };
}

/** A file: directory holding RECORDS records (half users, half links), written in process. */
async function fill(dir: string) {
  const sb = createSandbox({
    state: `file:${dir}`,
    clock: { mode: 'frozen' },
    retention: { records: RECORDS },
  });
  const post = (path: string, body: unknown) =>
    sb.app.request(`/capa/api/partner/v2${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
  for (let n = 0; n < RECORDS / 2; n += 500) {
    await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const res = await post('/users', { type: 'INDIVIDUAL', email: `u${n + i}@example.com` });
        const { data } = (await res.json()) as { data: { userId: string } };
        await post(`/users/${data.userId}/kyc/verification-link`, { country: 'MX' });
      }),
    );
  }
  await sb.close();
}

async function restart(dir: string, runs = 3) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const s = await startServer([
      ...SANDBOX,
      '--state',
      `file:${dir}`,
      '--retain-records',
      String(RECORDS),
    ]);
    while ((await fetch(`${s.url}/_sandbox/health`)).status !== 200);
    times.push(performance.now() - t0);
    const held = (await (await fetch(`${s.url}/_sandbox/snapshot?provider=capa`)).json()) as Record<
      string,
      Record<string, unknown[]>
    >;
    const records = Object.values(held).reduce(
      (n, t) => n + (t.users?.length ?? 0) + (t.links?.length ?? 0),
      0,
    );
    await stop(s.child);
    if (records < RECORDS) throw new Error(`restart read back ${records} records, not ${RECORDS}`);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-state-'));
const redis = await startRedis();
try {
  const file = await throughput(`file:${join(dir, 'tp')}`);
  const onRedis = await throughput(await redis.url());
  unpin();
  await fill(join(dir, 'big'));
  const restartMs = await restart(join(dir, 'big'));
  const fmt = (r: number[]) => r.map((x) => x.toFixed(3)).join(' ');
  console.log(
    `\nkyc-sandbox state backends (${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S}s${PIN ? ', server on CPU 0' : ''})`,
  );
  const checks: [string, boolean, string][] = [
    [
      `file: ${file.rps} req/s, ratio ${file.ratio.toFixed(3)} (${fmt(file.ratios)})`,
      file.ratio >= 0.3,
      '≥ 0.3× bare',
    ],
    [
      `redis: ${onRedis.rps} req/s, ratio ${onRedis.ratio.toFixed(3)} (${fmt(onRedis.ratios)})`,
      onRedis.ratio >= 0.3,
      '≥ 0.3× bare',
    ],
    [
      `file: restart with ${RECORDS} records ${Math.round(restartMs)} ms (spawn → first 200, median of 3)`,
      restartMs <= 2000,
      '≤ 2000 ms',
    ],
  ];
  for (const [what, ok, floor] of checks)
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what} (floor ${floor})`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
