// `npm run bench:constant`: does a create cost the same whatever the tenant already holds?
// Each create operation of every provider runs for N seconds (default 60, `--seconds 10` for a quick
// look) at 8 connections on ONE tenant of a fresh server (the sandbox's own command, pinned to CPU 0
// where taskset exists). Throughput is sampled per second from the responses themselves; the first
// 10 s and the last 10 s are compared (floor: last ≥ 0.9× first). Every request carries its own data
// where the vendor refuses duplicates, and every answer that is not a 2xx is counted and reported: a
// run full of 4xx measures nothing. Some creates need a step beside them to stay creates (a new
// Kulipa user per KYC, a Faceki link expired so the live-link cap never refuses, a Baanx code per
// account): those run as pairs, and their figure counts both requests.
// On a shared machine the wall-clock rate follows whatever else runs (seconds at a tenth of the
// rate, on code that does not change), so each window also reports 2xx per CPU-second the server
// used (/proc): what a request costs, which is what a scan makes grow. That ratio is judged; the
// wall-clock one is printed beside it, and on a quiet machine the two agree.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { OPS, type Op, type Step } from './constant-ops.js';
import { SANDBOX, startServer, stop } from './server.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const SECONDS = Number(flag('seconds') ?? process.env.BENCH_SECONDS ?? 60);
const ONLY = flag('only'); // a substring of an operation's name, to run a few
const SERIES = args.includes('--series'); // print each second's count
const CONNECTIONS = 8;
const WINDOW_S = Math.min(10, Math.floor(SECONDS / 3)) || 1;
const FLOOR = 0.9;
/** Warm-up on another tenant of the provider: the JIT's first seconds are not what is measured. */
const WARM_S = Number(flag('warm') ?? 5);
// Kulipa's per-key rate limit (300/min by default) would answer 429 within a second.
const SERVER = [...SANDBOX, '--option', 'kulipa.rateLimit=1000000000'];

interface Figures {
  name: string;
  /** 2xx a second, and 2xx per CPU-second the server used, in the first and the last window. */
  rate: [number, number];
  perCpu: [number, number];
  ok: number;
  bad: string;
}

// The server's CPU time (user + system, its GC threads included), from /proc, in seconds.
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
const cpuOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
};

/** Load for SECONDS: 2xx answers per second, the server's CPU at each second, other answers counted. */
async function load(url: string, pid: number, requests: Step[]) {
  const perSecond = new Array<number>(SECONDS + 2).fill(0);
  const cpu: number[] = [cpuOf(pid)];
  const statuses: Record<string, number> = {};
  const timer = setInterval(() => cpu.push(cpuOf(pid)), 1000);
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, requests },
      (e, r) => (e ? reject(e) : resolve(r)),
    );
    run.on('response', (_client, status) => {
      if (status >= 200 && status < 300) perSecond[Math.floor((performance.now() - t0) / 1000)]++;
      else statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  clearInterval(timer);
  return { perSecond, cpu, statuses, result };
}

/** One operation on a fresh server, warmed up on another tenant first. */
async function measure(op: Op): Promise<Figures> {
  const { child, url } = await startServer(SERVER, true);
  try {
    const warm = await op.setup(url, 1);
    await autocannon({ url, connections: CONNECTIONS, duration: WARM_S, requests: warm });
    const { perSecond, cpu, statuses, result } = await load(
      url,
      child.pid!,
      await op.setup(url, 0),
    );
    if (SERIES) console.error(`  per second: ${perSecond.slice(0, SECONDS).join(' ')}`);
    const sum = (from: number, to: number) => perSecond.slice(from, to).reduce((a, b) => a + b, 0);
    const window = (from: number) => {
      const n = sum(from, from + WINDOW_S);
      const used = cpu[Math.min(from + WINDOW_S, cpu.length - 1)] - cpu[from];
      return [n / WINDOW_S, n / used] as const;
    };
    const [first, last] = [window(0), window(SECONDS - WINDOW_S)];
    const errors = result.errors + result.timeouts;
    return {
      name: op.name,
      rate: [first[0], last[0]],
      perCpu: [first[1], last[1]],
      ok: sum(0, SECONDS + 2),
      bad:
        result.non2xx || errors
          ? ` non-2xx ${result.non2xx} ${JSON.stringify(statuses)}, errors ${errors}`
          : '',
    };
  } finally {
    await stop(child);
  }
}

const ops = OPS.filter((o) => !ONLY || o.name.toLowerCase().includes(ONLY.toLowerCase()));
const rows: Figures[] = [];
for (const op of ops) {
  console.error(`${op.name}: ${SECONDS} s at ${CONNECTIONS} connections…`);
  rows.push(await measure(op));
}
console.log(
  `\nkyc-sandbox constant-cost benchmark (${SECONDS} s per operation, ${CONNECTIONS} connections, one tenant, 127.0.0.1; first and last ${WINDOW_S} s; floor last ≥ ${FLOOR}× first, judged per server CPU-second)`,
);
let pass = true;
const n = (x: number) => String(Math.round(x)).padStart(6);
for (const r of rows) {
  const ratio = r.rate[1] / r.rate[0];
  const cpuRatio = r.perCpu[1] / r.perCpu[0];
  const ok = cpuRatio >= FLOOR && !r.bad;
  pass &&= ok;
  console.log(
    `  ${ok ? 'PASS' : 'MISS'} ${r.name}: ${r.ok} 2xx${r.bad}\n` +
      `       req/s            first ${n(r.rate[0])}  last ${n(r.rate[1])}  ratio ${ratio.toFixed(3)}${ratio >= FLOOR ? '' : ' (below the floor)'}\n` +
      `       req/CPU-second   first ${n(r.perCpu[0])}  last ${n(r.perCpu[1])}  ratio ${cpuRatio.toFixed(3)}`,
  );
}
process.exitCode = pass ? 0 : 1;
