// A tiny Dockerfile interpreter for machines without a Docker engine: each stage gets a directory,
// COPY copies from the build context or an earlier stage, RUN runs in the stage's WORKDIR with its
// ENV, and the final CMD is started on the host's Node. Enough to prove the build and start steps work.
// RUN steps get an npm cache of their own inside `out` (the image's `npm cache clean --force` must
// never empty the machine's cache, and a build must not fill it).
import { exec, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { seedNpmCache } from './npm-cache.js';

const run = promisify(exec);

export interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  expose: string[];
  cmd: string[] | null;
  labels: Record<string, string>;
  healthcheck: string[] | null;
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

/**
 * `npm ci` from the lockfile this checkout installed from: the checkout's own node_modules, linked
 * into the stage (the same packages, the same lockfile), then pruned as the step asks (--omit=dev).
 * A fresh install of the same lockfile is what CI's own `npm ci` already proves; the step's other
 * commands run as written.
 */
function installedAhead(context: string, cwd: string, command: string): string {
  const lock = (dir: string) => readFileSync(join(dir, 'package-lock.json'), 'utf8');
  const ci = /^npm ci\b[^&]*/.exec(command)?.[0];
  if (!ci || !existsSync(join(context, 'node_modules')) || lock(cwd) !== lock(context))
    return command;
  // Hard links where the platform has them (nothing in a stage writes into its node_modules).
  const linked = spawnSync('cp', ['-al', join(context, 'node_modules'), join(cwd, 'node_modules')]);
  if (linked.status !== 0)
    cpSync(join(context, 'node_modules'), join(cwd, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
    });

  const prune = ci.includes('--omit=dev')
    ? 'npm prune --omit=dev --offline --no-audit --no-fund'
    : 'true';
  return command.replace(ci, prune);
}

/** Builds every stage; RUN steps run asynchronously, so a long npm ci never blocks the test worker. */
export async function buildWithoutDocker(
  context: string,
  dockerfile: string,
  out: string,
): Promise<Stage[]> {
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  // npm runs on a cache of its own (the image's last step cleans it), seeded from the machine's,
  // which is only read: the packages this checkout's own install already fetched.
  const cache = resolve(out, '.npm-cache');
  seedNpmCache(cache);
  const npmEnv = {
    npm_config_cache: cache,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
  };
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
        labels: {},
        healthcheck: null,
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
      const env = { ...process.env, ...npmEnv, ...s.env };
      const cwd = inStage(s, '.');
      await run(installedAhead(context, cwd, arg), { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    } else if (op === 'USER') s.user = arg;
    else if (op === 'EXPOSE') s.expose.push(arg);
    else if (op === 'CMD') s.cmd = JSON.parse(arg) as string[];
    else if (op === 'LABEL')
      for (const m of arg.matchAll(/([\w.-]+)="([^"]*)"/g)) s.labels[m[1]] = m[2];
    else if (op === 'HEALTHCHECK')
      s.healthcheck = JSON.parse(arg.slice(arg.indexOf('CMD ') + 4)) as string[];
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
