// A real redis-server for the tests: started on a free port in a temporary directory (nothing saved),
// stopped after. Where redis-server is not installed, `redisAvailable` is false and the suites that
// need it skip with a message (CI installs it: .ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
export const REDIS_SERVER = which.status === 0 ? which.stdout.trim() : undefined;
export const redisAvailable = REDIS_SERVER !== undefined;
export const REDIS_SKIP_MESSAGE =
  'redis-server is not installed: the redis: backend suites are skipped (apt-get install -y redis-server)';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface RedisServer {
  port: number;
  /** A URL naming a database no other caller of this server got (FLUSHDB'd first). */
  url(): Promise<string>;
  stop(): Promise<void>;
  /** Stops the server as a crash would; start() brings it back on the same port (empty). */
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let db = 0;
  const cli = async (...args: string[]) => {
    const { Redis } = await import('ioredis');
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
    r.on('error', () => undefined); // a server still starting: the caller tries again
    await r.connect();
    try {
      return await r.call(args[0]!, ...args.slice(1));
    } finally {
      r.disconnect();
    }
  };
  async function start() {
    const args = ['--save', '', '--appendonly', 'no', '--dir', dir, '--port', String(port)];
    child = spawn(REDIS_SERVER!, [...args, '--bind', '127.0.0.1'], { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      try {
        if ((await cli('PING')) === 'PONG') return;
      } catch {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    throw new Error('redis-server did not start');
  }
  const exited = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child!.once('exit', r));
    child.kill(signal);
    await gone;
  };
  await start();
  return {
    port,
    async url() {
      const n = db++ % 16;
      await cli('SELECT', String(n)); // a fresh connection: flush that database
      const { Redis } = await import('ioredis');
      const r = new Redis(port, '127.0.0.1', { db: n });
      await r.flushdb();
      r.disconnect();
      return `redis://127.0.0.1:${port}/${n}`;
    },
    start,
    kill: () => exited('SIGKILL'),
    async stop() {
      await exited('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
