// An API reference per provider that sends requests to this sandbox: every contract operation with
// its path, the default credentials as headers and a sample body from the request schema, a Send
// button (reference.js, the dashboard's only script) and the answer below it.
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Credential, Operation } from '../engine/index.js';
import type { Sandbox } from '../sandbox/types.js';
import { Document, local, rooted, UI } from './layout.js';
import { csp } from './security.js';

type Schema = Record<string, unknown>;
type Doc = { paths?: Record<string, Record<string, Schema>>; components?: Schema };

/** Values for field names people recognise, where a schema alone would give "string". */
const BY_NAME: readonly [RegExp, string][] = [
  [/email/i, 'ada@example.com'],
  [/^first/i, 'Ada'],
  [/^last/i, 'Lovelace'],
  [/country/i, 'US'],
];

/** A value that fits a schema well enough to start from: required fields only, first enum value. */
export function sample(schema: unknown, doc: Doc, depth = 0, name = ''): unknown {
  if (!schema || typeof schema !== 'object' || depth > 6) return null;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((o, k) => (o as Schema | undefined)?.[k], doc);
    return sample(target, doc, depth + 1, name);
  }
  if ('example' in s) return s.example;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const k of ['oneOf', 'anyOf', 'allOf'])
    if (Array.isArray(s[k])) return sample((s[k] as unknown[])[0], doc, depth + 1, name);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    const required = (s.required ?? []) as string[];
    return Object.fromEntries(required.map((k) => [k, sample(props[k], doc, depth + 1, k)]));
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return (s.minimum as number | undefined) ?? 1;
  if (type === 'boolean') return true;
  const named = BY_NAME.find(([re]) => re.test(name));
  if (named) return named[1];
  const formats: Record<string, string> = {
    email: 'ada@example.com',
    uri: 'https://example.com/back',
    date: '1990-01-01',
    'date-time': '2025-01-01T00:00:00Z',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  return formats[s.format as string] ?? (s.pattern ? '' : 'string');
}

function bodyOf(doc: Doc, op: Operation): string {
  const spec = doc.paths?.[op.path]?.[op.method.toLowerCase()] as Schema | undefined;
  const content = (spec?.requestBody as Schema | undefined)?.content as Schema | undefined;
  const json = content?.['application/json'] as Schema | undefined;
  return json ? JSON.stringify(sample(json.schema, doc), null, 2) : '';
}

const summaryOf = (doc: Doc, op: Operation) =>
  String(doc.paths?.[op.path]?.[op.method.toLowerCase()]?.summary ?? '');

const ReferencePage: FC<{ sb: Sandbox; name: string }> = ({ sb, name }) => {
  const p = sb.provider(name);
  const doc = sb.contract(name).document as Doc;
  const creds = p.credentials();
  const auth = creds.filter((c: Credential, i) => i === 0 || c.note.includes('default'));
  const headers = [...new Set(auth.slice(0, 2).map((c) => `${c.header}: ${c.value}`))].join('\n');
  return (
    <Document title={`${p.title} API reference · kyc-sandbox`} bodyClass="dash">
      <main class="reference" data-root={local('/')}>
        <p>
          <a href={local(UI)}>← Dashboard</a> · contract:{' '}
          <a href={local(`/_sandbox/contracts/${name}?format=yaml`)}>openapi.yaml</a>
        </p>
        <h1>{p.title} API reference</h1>
        <p class="muted">
          Every operation of the contract, sent to this sandbox at <code>/{name}</code> with the
          default credentials (edit anything; a path's {'{placeholders}'} are yours to fill).
        </p>
        {sb.contract(name).operations.map((op) => (
          <details class="op" id={op.id}>
            <summary>
              <code class="mono">{op.method}</code> <code>{op.path}</code> <b>{op.id}</b>{' '}
              <span class="muted">{summaryOf(doc, op)}</span>
            </summary>
            <form class="send" data-method={op.method}>
              <label>
                Path <input name="path" value={`/${name}${op.path}`} size={80} />
              </label>
              <label>
                Headers{' '}
                <textarea name="headers" rows={3} cols={80}>
                  {headers}
                </textarea>
              </label>
              <label>
                Body{' '}
                <textarea name="body" rows={6} cols={80}>
                  {bodyOf(doc, op)}
                </textarea>
              </label>
              <button type="submit" class="btn">
                Send
              </button>
              <pre class="answer" aria-live="polite"></pre>
            </form>
          </details>
        ))}
        <script src={local(`${UI}/assets/reference.js`)} />
      </main>
    </Document>
  );
};

// Sends a form's request with fetch and shows the status, headers and body it got back. A path is
// the sandbox's ("/capa/…"), sent relative to the sandbox's root as the page knows it (data-root),
// so the page works behind a proxy's path prefix.
const SCRIPT = `const root = new URL(document.querySelector('main').dataset.root, location.href);
for (const form of document.querySelectorAll('form.send')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = form.querySelector('.answer');
    const headers = {};
    for (const line of form.headers.value.split('\\n')) {
      const at = line.indexOf(':');
      if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const method = form.dataset.method;
    const body = form.body.value.trim();
    if (body) headers['content-type'] ??= 'application/json';
    out.textContent = '…';
    try {
      const res = await fetch(new URL(form.path.value.replace(/^\\/+/, ''), root), { method, headers, body: body && method !== 'GET' ? body : undefined });
      const text = await res.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\\n' + [...res.headers].map(([k, v]) => k + ': ' + v).join('\\n') + '\\n\\n' + shown;
    } catch (err) {
      out.textContent = String(err);
    }
  });
}
`;

export function referenceRoutes(sb: Sandbox) {
  return new Hono()
    .get('/assets/reference.js', (c) => {
      c.header('content-type', 'text/javascript; charset=utf-8');
      return c.body(SCRIPT);
    })
    .get('/reference/:provider', (c) => {
      const name = c.req.param('provider');
      sb.provider(name);
      // The one page with a script: its own, sending requests to this origin only.
      c.header('content-security-policy', `${csp()}; script-src 'self'; connect-src 'self'`);
      return c.html(rooted(c, <ReferencePage sb={sb} name={name} />));
    });
}
