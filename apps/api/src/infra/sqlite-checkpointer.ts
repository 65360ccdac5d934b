import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** How often the worker checkpoints (PASSIVE: never blocks the writer). */
  intervalMs: number;
  /**
   * WAL size above which the worker checkpoints with RESTART: under sustained writes a PASSIVE
   * checkpoint never catches up with the last frame, so the log would never start over.
   */
  restartAboveBytes: number;
}

// The worker (plain JavaScript, evaluated: nothing to bundle or transpile). Its own connection to the
// same file copies WAL pages into the database and syncs it, off the thread that answers requests.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 5000');
const walSize = () => { try { return statSync(workerData.filename + '-wal').size; } catch { return 0; } };
// data_version changes when another connection commits: an idle database costs one cheap read a tick.
let seen = -1;
const checkpoint = (always) => {
  try {
    const version = db.pragma('data_version', { simple: true });
    if (version === seen && !always) return;
    seen = version;
    db.pragma(walSize() > workerData.restartAboveBytes ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ warn: String(err && err.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs, false);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint(true);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a SQLite database's write-ahead log from a worker thread. SQLite's automatic checkpoint
 * runs inside whichever commit crosses the threshold, on the request thread, and copies and syncs the
 * whole backlog there: a pause of up to hundreds of milliseconds for every order queued behind it. The
 * connection that answers requests turns its automatic checkpoint off while this runs.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;

  constructor(
    filename: string,
    opts: CheckpointerOptions,
    onFailure: (err: Error) => void,
    onWarning: (message: string) => void,
  ) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, filename, ...opts },
    });
    this.worker.unref();
    this.worker.on('message', (m: { warn?: string }) => {
      if (m.warn) onWarning(m.warn);
    });
    this.worker.on('error', onFailure);
  }

  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => {
        resolve();
      });
      // Keeps the process alive until the last checkpoint is done (the worker is unref'd otherwise).
      this.worker.ref();
      this.worker.postMessage('stop');
      // A worker stuck on a locked database must not hold up shutdown.
      setTimeout(() => void this.worker.terminate(), 5000).unref();
    });
    return this.stopped;
  }
}
