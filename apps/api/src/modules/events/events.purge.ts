import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { purgeExpiredLoginFailures, purgeReplacedDeviceCredentials } from '../auth/index.js';
import { purgeEventsBefore } from './events.repository.js';

/**
 * Periodically deletes events older than the retention, and on the same schedule the login limiter's
 * expired counters and device credentials past their grace period; every instance may run it (it is
 * idempotent).
 */
export class EventPurge {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Purges once now and then every `config.events.purgeIntervalMs`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.runOnce();
    }, this.ctx.config.events.purgeIntervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** Stops the timer and waits for a purge in progress (so the database can close under no query). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One purge pass; a pass still running is not started twice. */
  runOnce(): Promise<void> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purge(): Promise<void> {
    const cutoff = this.ctx.clock.now() - this.ctx.config.events.retentionMs;
    try {
      const deleted = await purgeEventsBefore(this.ctx.db, cutoff);
      if (deleted > 0) this.log.info({ deleted }, 'purged old events');
    } catch (err) {
      this.log.warn({ err }, 'purging old events failed');
    }
    try {
      const deleted = await purgeExpiredLoginFailures(this.ctx);
      if (deleted > 0) this.log.info({ deleted }, 'purged expired login failure counters');
    } catch (err) {
      this.log.warn({ err }, 'purging expired login failure counters failed');
    }
    try {
      const deleted = await purgeReplacedDeviceCredentials(this.ctx);
      if (deleted > 0) this.log.info({ deleted }, 'purged replaced device credentials');
    } catch (err) {
      this.log.warn({ err }, 'purging replaced device credentials failed');
    }
  }
}
