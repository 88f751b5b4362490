// The verify command's report: one line per interaction, each mismatch under it, then a total.
import { relative } from 'node:path';
import type { VerifyReport } from './verify.js';

export function formatReport(report: VerifyReport, cwd = process.cwd()): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const f of report.files) {
    const against = f.provider ? `sandbox provider ${f.provider}` : 'no sandbox provider';
    const rel = relative(cwd, f.path);
    lines.push(
      '',
      `${rel && !rel.startsWith('..') ? rel : f.path}  (${f.consumer} → ${f.pactProvider}, against ${against})`,
    );
    if (f.error) {
      failed++;
      lines.push(`  FAIL  ${f.error}`);
    }
    for (const i of f.interactions) {
      if (i.ok) passed++;
      else if (i.pending) pending++;
      else failed++;
      const label = i.ok ? 'PASS' : i.pending ? 'PENDING' : 'FAIL';
      lines.push(`  ${label}  ${i.description}${i.pending && i.ok ? '  (pending)' : ''}`);
      for (const p of i.problems) lines.push(`          ${p}`);
      for (const w of i.warnings) lines.push(`          warning: ${w}`);
    }
  }
  if (report.contractViolations.length) {
    lines.push(
      '',
      'The sandbox answered outside its own contract (a sandbox bug; please report it):',
    );
    for (const v of report.contractViolations) lines.push(`  ${v}`);
  }
  if (report.files.length === 0) lines.push('', 'No pact files found.');
  lines.push(
    '',
    `${passed} passed, ${failed} failed${pending ? `, ${pending} pending (not failing)` : ''}${report.ok ? '' : ' — verification FAILED'}`,
    '',
  );
  return lines.join('\n');
}
