// What else the machine was doing: every second, the CPU used by the bench and its descendants (servers,
// Redis, Chromium, builds), by MariaDB (a shared service), and by everything else (other users of this
// machine). Figures measured while others kept the cores busy are lower than the machine can do.
import { readdirSync, readFileSync } from 'node:fs';

interface Sample {
  total: number;
  own: number;
  mariadb: number;
}

export interface LoadShare {
  seconds: number;
  /** Average cores busy in the bench's own process tree. */
  bench: number;
  /** Average cores busy in MariaDB (serves the bench's MariaDB scenarios and anyone else). */
  mariadb: number;
  /** Average cores busy in processes unrelated to the bench. */
  others: number;
}

function stat(pid: string): { ppid: number; ticks: number; name: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const name = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), name };
  } catch {
    return undefined;
  }
}

function machineTicks(): number {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
  return (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0);
}

export class LoadMonitor {
  private readonly last = new Map<number, number>();
  private lastTotal = machineTicks();
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private mark = 0;
  private primed = false;

  start(): void {
    this.sample();
    this.timer = setInterval(() => {
      this.sample();
    }, 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Starts a new measurement window; `since()` reports the shares from here on. */
  begin(): void {
    this.mark = this.samples.length;
  }

  since(): LoadShare {
    const w = this.samples.slice(this.mark);
    const n = Math.max(1, w.length);
    const avg = (f: (s: Sample) => number) => w.reduce((a, s) => a + f(s), 0) / n / 100; // ticks/s → cores
    return {
      seconds: w.length,
      bench: avg((s) => s.own),
      mariadb: avg((s) => s.mariadb),
      others: avg((s) => Math.max(0, s.total - s.own - s.mariadb)),
    };
  }

  private sample(): void {
    const procs = new Map<number, { ppid: number; ticks: number; name: string }>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const s = stat(d);
      if (s) procs.set(Number(d), s);
    }
    const own = new Set<number>([process.pid]);
    // Descendants of the bench: walk each process's parents (the tree is shallow).
    for (const pid of procs.keys()) {
      const chain: number[] = [];
      let cur: number | undefined = pid;
      while (cur !== undefined && cur > 1 && !own.has(cur) && chain.length < 50) {
        chain.push(cur);
        cur = procs.get(cur)?.ppid;
      }
      if (cur !== undefined && own.has(cur)) for (const c of chain) own.add(c);
    }
    let ownTicks = 0;
    let mariadbTicks = 0;
    for (const [pid, s] of procs) {
      // A process new since the last sample started within it: all its time counts.
      const delta = s.ticks - (this.last.get(pid) ?? 0);
      this.last.set(pid, s.ticks);
      if (own.has(pid)) ownTicks += delta;
      // The machine's MariaDB service (a daemon); private test instances of other users count as others.
      else if ((s.name === 'mariadbd' || s.name === 'mysqld') && s.ppid === 1) mariadbTicks += delta;
    }
    for (const pid of this.last.keys()) if (!procs.has(pid)) this.last.delete(pid);
    const total = machineTicks();
    const dt = total - this.lastTotal;
    this.lastTotal = total;
    if (!this.primed) {
      this.primed = true;
      return;
    }
    this.samples.push({ total: dt, own: ownTicks, mariadb: mariadbTicks });
  }
}
