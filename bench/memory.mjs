// RSS after creating N users and N verification links in-process, on the build (run with --expose-gc).
import { createSandbox } from '../dist/sandbox.js';

const N = Number(process.argv[2] ?? 100_000);
const sb = createSandbox({ clock: { mode: 'frozen' } });
const headers = { 'partner-api-key': 'capa_test_partner_key_000000000001', 'content-type': 'application/json' };
for (let i = 0; i < N; i++) {
  const user = await sb.app.request('/capa/api/partner/v2/users', { method: 'POST', headers, body: `{"type":"INDIVIDUAL","email":"u${i}@example.com"}` });
  const { data } = await user.json();
  const link = await sb.app.request(`/capa/api/partner/v2/users/${data.userId}/kyc/verification-link`, { method: 'POST', headers, body: '{"country":"MX"}' });
  if (link.status !== 201) throw new Error(`link ${i}: ${link.status}`);
  await link.text();
}
// Let V8's memory reducer hand freed pages back, as it does on an idle server.
for (let i = 0; i < 5; i++) {
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 200));
}
const { rss, heapUsed } = process.memoryUsage();
const rssMb = Math.round(rss / 1e6);
const heapMb = Math.round(heapUsed / 1e6);
const heapTotalMb = Math.round(process.memoryUsage().heapTotal / 1e6);
// Counted after measuring, which also keeps the sandbox (and its state) alive until the measurement.
const [rows] = Object.values(sb.store.snapshot({ provider: 'capa' }));
console.log(JSON.stringify({ users: rows?.users.length ?? 0, links: rows?.links.length ?? 0, rssMb, heapMb, heapTotalMb }));
