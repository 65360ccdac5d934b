// Repeats one request on an interval and keeps every answer (status, time, latency).
import { http } from './http.js';
import { sleep } from './common.js';

export interface Sample {
  /** ms since the poller's clock started. */
  at: number;
  ms: number;
  status: number | 'network' | 'timeout';
  retryAfter: string | null;
  body: string;
}

export class Poller {
  readonly samples: Sample[] = [];
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly base: string,
    private readonly path: string,
    private readonly opts: { everyMs: number; timeoutMs: number; token?: string; now: () => number },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const at = this.opts.now();
      try {
        const r = await http(this.base, 'GET', this.path, {
          timeoutMs: this.opts.timeoutMs,
          ...(this.opts.token ? { token: this.opts.token } : {}),
        });
        this.samples.push({
          at,
          ms: r.ms,
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          body: r.text,
        });
      } catch (err) {
        const name = (err as { name?: string }).name;
        this.samples.push({
          at,
          ms: this.opts.now() - at,
          status: name === 'TimeoutError' ? 'timeout' : 'network',
          retryAfter: null,
          body: '',
        });
      }
      await sleep(this.opts.everyMs);
    }
  }
}
