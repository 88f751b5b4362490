// The README's first requests, run as a person runs them: each ```sh block under "The first
// requests" in bash (curl and Node) against a live sandbox, its base URL swapped for the test's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testSandbox } from './helpers.js';

const README = readFileSync('README.md', 'utf8');
const section = README.slice(
  README.indexOf('## The first requests'),
  README.indexOf('## Pointing a client at it'),
);
const [helpers, ...blocks] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
/** The status each block reads last: a fresh link nobody has opened a step of yet. */
const FIRST_STATUS = {
  capa: 'IN_PROGRESS',
  kulipa: 'pending',
  faceki: 'CREATED',
  gu1: 'pending',
  baanx: 'UNVERIFIED',
};
const providerOf = (block: string) => /127\.0\.0\.1:4010\/(\w+)\//.exec(block)?.[1];
const hasCurl = (() => {
  try {
    return readFileSync('/usr/bin/curl').length > 0;
  } catch {
    return false;
  }
})();

const bash = (script: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      { timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

describe.skipIf(!hasCurl)("the README's first requests", () => {
  it('has a block per provider', () => {
    expect(blocks.map(providerOf)).toEqual(Object.keys(FIRST_STATUS));
  });

  it.each(blocks.map((b) => [providerOf(b), b] as const))(
    '%s runs as written',
    async (p, block) => {
      const sb = testSandbox({ publicUrl: undefined });
      const { url } = await sb.listen(0);
      const run = await bash(`${helpers}\n${block.replaceAll('http://127.0.0.1:4010', url)}`);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const [page, status] = run.stdout.trim().split('\n');
      expect(page).toBe('200');
      expect(status).toBe(FIRST_STATUS[p as keyof typeof FIRST_STATUS]);
    },
  );
});
