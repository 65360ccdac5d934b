// A private redis-server for suites and bench scenarios that need their own Redis or stop and restart it
// (never the shared one on 6379): a free port, no persistence, its own folder, killed by its own PID.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './common.js';
import { startProcess, type Proc } from './processes.js';

/** Whether a Redis server answers PING on `port`. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('error', () => {
      done(false);
    });
    sock.once('data', (d) => {
      done(d.toString().startsWith('+PONG'));
    });
    sock.once('connect', () => sock.write('PING\r\n'));
  });
}

/** redis-server's arguments for a private, non-persistent instance on `port` (files, if any, in `dir`). */
function redisServerArgs(port: number, dir?: string): string[] {
  return [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    ...(dir ? ['--dir', dir] : []),
  ];
}

export class OwnRedis {
  private proc: Proc | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'to-redis-'));

  private constructor(readonly port: number) {}

  /** Starts one on a free port. */
  static async create(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, after kill) the server on its port; resolves once it answers PING. */
  async start(): Promise<void> {
    const proc = startProcess('redis-server', 'redis-server', redisServerArgs(this.port, this.dir));
    this.proc = proc;
    const deadline = Date.now() + 10_000;
    while (!(await redisPing(this.port))) {
      if (proc.exited()) throw new Error(`redis-server exited:\n${proc.output()}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${proc.output()}`);
      await sleep(50);
    }
  }

  /** Kills redis-server by its PID (SIGKILL: an outage, not a shutdown). */
  async kill(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    await proc?.kill('SIGKILL');
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
