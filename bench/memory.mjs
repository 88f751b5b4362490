// RSS of the sandbox server (the built CLI, as `npm start` runs it) after creating N Capa users and N
// verification links over HTTP, read from /proc once the load has stopped. Prints one JSON line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const N = Number(process.argv[2] ?? 100_000);
const nodeFlags = process.argv.slice(3); // the server's Node flags (bench/run.ts passes the bin's)
const CONNECTIONS = 32;
const headers = { 'partner-api-key': 'capa_test_partner_key_000000000001', 'content-type': 'application/json' };

const server = spawn(process.execPath, [...nodeFlags, 'dist/kyc-sandbox.mjs', 'serve', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = new URL(
  await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  }),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${path}: ${res.statusCode} ${text}`))));
    });
    req.once('error', reject);
    req.end(body);
  });
}

let next = 0;
let links = 0;
async function client() {
  while (next < N) {
    const i = next++;
    const user = await post('/capa/api/partner/v2/users', `{"type":"INDIVIDUAL","email":"u${i}@example.com"}`);
    await post(`/capa/api/partner/v2/users/${user.data.userId}/kyc/verification-link`, '{"country":"MX"}');
    links++;
  }
}
await Promise.all(Array.from({ length: CONNECTIONS }, client));
await new Promise((r) => setTimeout(r, 1000));
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]);
agent.destroy();
server.kill('SIGTERM');
console.log(JSON.stringify({ users: next, links, rssMb: Math.round((rssKb * 1024) / 1e6) }));
