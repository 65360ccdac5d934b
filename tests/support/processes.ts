// Child processes the suites and the bench start (API servers, MariaDB, Redis, Nginx, builds): each is
// tracked by PID and stopped by PID, also when the bench itself is interrupted or fails. The shared
// MariaDB on 3306 and Redis on 6379 are never started or stopped here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, sleep } from './common.js';

/** The environment this process was started with (handed on to children that need all of it). */
export const parentEnv: NodeJS.ProcessEnv = process.env;

export interface Proc {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Date.now() when it was started. */
  readonly startedAt: number;
  /** What the process printed (stdout and stderr; the last `maxOutput` characters). */
  output(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** Resolves when the process has exited. */
  readonly exit: Promise<void>;
  /** Sends `signal` (e.g. SIGSTOP/SIGCONT) without waiting. */
  send(signal: NodeJS.Signals): void;
  /** Sends `signal` (SIGKILL unless told otherwise) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface ProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Characters of output kept (default 64 KB; Infinity keeps all). */
  maxOutput?: number;
}

const running = new Map<number, Proc>();

/** Starts a tracked child process (in the repository root unless told otherwise). */
export function startProcess(name: string, command: string, args: string[], opts: ProcessOptions = {}): Proc {
  const child = spawn(command, args, {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? parentEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = child.pid;
  const maxOutput = opts.maxOutput ?? 65_536;
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > maxOutput) out = out.slice(-maxOutput);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((res) => {
    child.once('exit', () => {
      exited = true;
      running.delete(pid);
      res();
    });
  });
  const send = (signal: NodeJS.Signals) => {
    if (exited) return;
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  };
  const proc: Proc = {
    name,
    pid,
    child,
    startedAt: Date.now(),
    output: () => out,
    exited: () => exited,
    exit,
    send,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      send(signal);
      await exit;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
      if (exited) return;
      send(signal);
      const timer = setTimeout(() => {
        send('SIGKILL');
      }, graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  running.set(pid, proc);
  return proc;
}

/** Stops every process still running (in parallel), by PID. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running.values()].map((p) => p.stop()));
}

/** Last resort on exit: SIGKILL whatever is left, by PID. */
export function killAllNow(): void {
  for (const pid of running.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

/** Polls `url` until it answers 2xx (or the process dies / the deadline passes). */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (proc.exited()) throw new Error(`${proc.name} exited while starting:\n${proc.output()}`);
    await sleep(100);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

/** CPU time (user + system, in seconds) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in ticks; USER_HZ is 100 on Linux
}

/** Resident set size of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
