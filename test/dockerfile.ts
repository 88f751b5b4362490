// A tiny Dockerfile interpreter for machines without a Docker engine: each stage gets a directory,
// COPY copies from the build context or an earlier stage, RUN runs in the stage's WORKDIR with its
// ENV, and the final CMD is started on the host's Node. Enough to prove the build and start steps work.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  expose: string[];
  cmd: string[] | null;
}

/** Joins continuation lines and drops comments. */
function instructions(text: string): [string, string][] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return [op.toUpperCase(), rest.join(' ')];
    });
}

export function buildWithoutDocker(context: string, dockerfile: string, out: string): Stage[] {
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  const inStage = (s: Stage, p: string) => join(s.root, p.startsWith('/') ? p : join(s.workdir, p));
  for (const [op, arg] of instructions(readFileSync(dockerfile, 'utf8'))) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(arg)?.[1] ?? `stage${stages.length}`;
      stage = {
        name,
        root: resolve(out, name),
        workdir: '/',
        env: {},
        user: null,
        expose: [],
        cmd: null,
      };
      mkdirSync(stage.root, { recursive: true });
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const s = stage;
    if (op === 'WORKDIR') {
      s.workdir = arg;
      mkdirSync(inStage(s, '.'), { recursive: true });
    } else if (op === 'ENV') {
      for (const m of arg.matchAll(/(\w+)=(\S+)/g)) s.env[m[1]] = m[2];
    } else if (op === 'COPY') {
      const parts = arg.split(/\s+/);
      const from = parts[0].startsWith('--from=')
        ? stages.find((x) => x.name === parts.shift()!.slice(7))
        : undefined;
      const dest = parts.pop()!;
      for (const src of parts) {
        const source = from ? join(from.root, src) : join(context, src);
        const target = dest.endsWith('/')
          ? join(inStage(s, dest), src.split('/').pop()!)
          : inStage(s, dest);
        cpSync(source, target, { recursive: true });
      }
    } else if (op === 'RUN') {
      execSync(arg, { cwd: inStage(s, '.'), env: { ...process.env, ...s.env }, stdio: 'pipe' });
    } else if (op === 'USER') s.user = arg;
    else if (op === 'EXPOSE') s.expose.push(arg);
    else if (op === 'CMD') s.cmd = JSON.parse(arg) as string[];
    else throw new Error(`unsupported Dockerfile instruction ${op}`);
  }
  return stages;
}

export function start(stage: Stage, env: Record<string, string>): ChildProcess {
  const [cmd, ...args] = stage.cmd!;
  return spawn(cmd, args, {
    cwd: join(stage.root, stage.workdir),
    env: { ...process.env, ...stage.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
