// The process: configuration, database, listen, signals, graceful shutdown. Nothing else touches `process`.
import { buildApp, createRuntime } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { migrateToLatest } from './db/migrator.js';
import { DEMO, seedDemoIfEmpty } from './modules/demo/index.js';

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

  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const lines = [
    '',
    `  Table Order ${config.version} is running (${config.database.dialect}, images: ${config.storage.driver})`,
    `  API           ${base}/api/v1`,
    `  API docs      ${base}/docs`,
    `  Health        ${base}/health`,
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
