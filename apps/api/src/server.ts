// The process: configuration, database, listen (the API and the metrics listener), signals, graceful
// shutdown. Nothing else touches `process`.
import { buildApp, createRuntime } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { migrateToLatest } from './db/migrator.js';
import { startMetricsListener, type MetricsListener } from './infra/metrics.js';
import { DEMO, seedDemoIfEmpty } from './modules/demo/index.js';
import { startPrintWorker } from './modules/printers/index.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const runtime = createRuntime(config);
  const migration = await migrateToLatest(runtime.ctx.db);
  if (migration.newerThanCode.length > 0) {
    console.warn(
      `The database was migrated by a newer release (${migration.newerThanCode.join(', ')}); running on it unchanged (rollback).`,
    );
  }
  const seeded = config.demoSeed ? await seedDemoIfEmpty(runtime.ctx.db) : false;
  const app = await buildApp(runtime);
  await app.listen({ port: config.port, host: config.host });
  // Ticket printers (SPEC 15): this instance sends print jobs it claims in the database.
  const printWorker = config.printing.worker
    ? startPrintWorker(runtime.ctx, {
        log: (msg) => {
          app.log.warn(msg);
        },
      })
    : undefined;
  // Prometheus' own listener (METRICS_HOST, loopback by default): never the public port, never Nginx.
  let metrics: MetricsListener | undefined;
  if (config.metricsListener) {
    try {
      metrics = await startMetricsListener(runtime.ctx.metrics, config.metricsListener);
    } catch (err) {
      console.error(
        `The metrics listener could not start on ${config.metricsListener.host}:${config.metricsListener.port} ` +
          `(METRICS_PORT; 0 turns it off, each instance on a machine needs its own): ${String(err)}`,
      );
      process.exit(1);
    }
  }

  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = (host: string, p: number) => `http://${host.includes(':') ? `[${host}]` : host}:${p}`;
  const base = url(config.host, port);
  const lines = [
    '',
    `  Table Order ${config.version} is running (${config.database.dialect}, images: ${config.storage.driver})`,
    `  API           ${base}/api/v1`,
    `  API docs      ${base}/docs`,
    `  Health        ${base}/health`,
    ...(metrics && config.metricsListener
      ? [`  Metrics       ${url(config.metricsListener.host, metrics.port)}/metrics`]
      : []),
    `  Tablet app    ${base}/`,
    `  Dashboard     ${base}/admin/`,
  ];
  if (config.demoSeed) {
    lines.push(
      '',
      `  Demo store "${DEMO.store}"${seeded ? ' (created now)' : ''}:`,
      `    admin login   store ${DEMO.store} / user ${DEMO.admin} / password ${DEMO.adminPassword}`,
      `    tablets       store ${DEMO.store} / tables 1-${DEMO.tables} / password ${DEMO.tablePassword}`,
    );
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Streams are ended by app.close(); sockets a client opened but never used would hold it for
    // Node's headers timeout, so after a grace period every remaining connection is cut.
    setTimeout(() => {
      app.server.closeAllConnections();
    }, 3_000).unref();
    app
      .close()
      .then(() => printWorker?.stop())
      .then(() => metrics?.close())
      .then(() => runtime.ctx.hub.close())
      .then(() => {
        runtime.ctx.storage.close();
      })
      .then(() => runtime.dbHandle.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.once('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
