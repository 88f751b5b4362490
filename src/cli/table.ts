// What an admin command prints for a person: lists as aligned tables of the columns that matter,
// objects as "key  value" lines, durations as "5m" rather than 300000. `--json` prints the answer
// as the admin API gave it, for machines.

/** The columns each list command shows, in order (anything else stays in --json). */
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['id', 'provider', 'tenant', 'state', 'link', 'expiresAt'],
  tenants: ['provider', 'tenant', 'now'],
  faults: ['id', 'provider', 'tenant', 'operation', 'scenario', 'latencyMs', 'times', 'hits'],
  journal: ['at', 'provider', 'tenant', 'method', 'path', 'status', 'operation', 'scenario'],
  webhooks: ['id', 'provider', 'tenant', 'event', 'status', 'scenario', 'attempts', 'createdAt'],
  scenarios: ['provider', 'name', 'status', 'description'],
  providers: ['name', 'title', 'baseUrl'],
};

/** "300000" ms as "5m", "90061000" as "1d 1h 1m 1s"; 0 as "0". */
export function durationText(ms: number): string {
  if (ms === 0) return '0';
  const parts: string[] = [];
  let rest = Math.abs(ms);
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  if (rest) parts.push(`${rest}ms`);
  return `${ms < 0 ? '-' : ''}${parts.join(' ')}`;
}

const cell = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : Array.isArray(v)
      ? String(v.length)
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(columns), ...cells.map(line)].join('\n')}\n`;
}

/** Key/value lines; with `durations` (the clock's offsets), numbers as durations. */
function record(body: Record<string, unknown>, durations: boolean, indent = ''): string {
  return Object.entries(body)
    .map(([k, v]) => {
      if (v && typeof v === 'object' && !Array.isArray(v))
        return `${indent}${k}\n${record(v as Record<string, unknown>, durations, `${indent}  `)}`;
      const text = typeof v === 'number' && durations ? durationText(v) : cell(v);
      return `${indent}${k.padEnd(10)} ${text}\n`;
    })
    .join('');
}

/** The answer of an admin command, for a person. */
export function human(command: string, body: unknown): string {
  if (Array.isArray(body)) {
    const rows = body as Record<string, unknown>[];
    const columns = COLUMNS[command] ?? Object.keys(rows[0] ?? {}).slice(0, 8);
    return table(rows, columns);
  }
  const clock = command === 'clock' || command === 'advance' || command === 'set-clock';
  if (body && typeof body === 'object') return record(body as Record<string, unknown>, clock);
  return `${cell(body)}\n`;
}
