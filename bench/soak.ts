// `npm run bench:soak`: what a sandbox holds after a long life under load.
//   1. 1 000 000 requests, each with a new junk partner-api-key (all answered 401): the server's RSS
//      at the end (floor ≤ 150 MB) and that it still answers.
//   2. Capa link creation at full load (50 connections) for 60 s on one partner: RSS at the 20 s mark
//      and over the last 10 s (floors: ≤ 120 MB, and the last 10 s within 10 % of the 20 s mark).
// Prints each figure beside its floor and exits non-zero when one is missed.
import autocannon from 'autocannon';
import { KEY, rssMb, SANDBOX, startServer, stop } from './server.js';

const JUNK_REQUESTS = Number(process.env.SOAK_JUNK ?? 1_000_000);
const LINK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);

async function junkKeys() {
  const { child, url } = await startServer(SANDBOX, true);
  let n = 0;
  await autocannon({
    url: `${url}/capa/api/partner/v2/webhook-settings`,
    connections: 50,
    amount: JUNK_REQUESTS,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: {
            ...req.headers,
            'partner-api-key': `capa_junk_key_${String(n++).padStart(20, '0')}`,
          },
        }),
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMb(child);
  const alive = (await fetch(`${url}/_sandbox/health`)).ok;
  await stop(child);
  return { rss, alive };
}

async function linkLoad() {
  const { child, url } = await startServer(SANDBOX, true);
  const headers = { 'partner-api-key': KEY, 'content-type': 'application/json' };
  const user = await (
    await fetch(`${url}/capa/api/partner/v2/users`, {
      method: 'POST',
      headers,
      body: '{"type":"INDIVIDUAL","email":"soak@example.com"}',
    })
  ).json();
  const samples: [number, number][] = [];
  const started = Date.now();
  const timer = setInterval(
    () => samples.push([(Date.now() - started) / 1000, rssMb(child)]),
    1000,
  );
  const result = await autocannon({
    url: `${url}/capa/api/partner/v2/users/${user.data.userId}/kyc/verification-link`,
    method: 'POST',
    connections: 50,
    duration: LINK_SECONDS,
    headers,
    body: '{"country":"MX"}',
  });
  clearInterval(timer);
  await stop(child);
  const at = (s: number) => samples.find(([t]) => t >= s)?.[1] ?? NaN;
  const last = samples.filter(([t]) => t >= LINK_SECONDS - 10).map(([, r]) => r);
  return { rps: Math.round(result.requests.average), at20: at(20), lastMax: Math.max(...last) };
}

const junk = await junkKeys();
const links = await linkLoad();
const lines: [boolean, string][] = [
  [
    junk.rss <= 150 && junk.alive,
    `RSS ${junk.rss} MB after ${JUNK_REQUESTS} requests with new junk keys, ${junk.alive ? 'still answering' : 'NOT answering'} (floor ≤ 150 MB)`,
  ],
  [
    links.lastMax <= 120,
    `RSS ${links.lastMax} MB at most over the last 10 s of ${LINK_SECONDS} s of Capa link creation, ${links.rps} req/s (floor ≤ 120 MB)`,
  ],
  [
    links.lastMax <= links.at20 * 1.1,
    `RSS ${links.at20} MB at the 20 s mark, ${links.lastMax} MB at most in the last 10 s (floor: within 10 %)`,
  ],
];
console.log('kyc-sandbox soak (server on CPU 0, autocannon on CPU 1)');
for (const [ok, text] of lines) console.log(`  ${ok ? 'ok  ' : 'MISS'} ${text}`);
process.exit(lines.every(([ok]) => ok) ? 0 : 1);
