// Operator commands (store:create, admin:create, db:migrate, db:backup, db:restore, images:gc), run
// in-process: `cli.ts` wraps them for the shell, and the tests call `runCommand` directly.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/index.js';
import { migrateToLatest } from './db/migrator.js';
import { openDatabase } from './infra/db.js';
import { configurePasswordHashing } from './infra/passwords.js';
import { BackupError, backupSqlite, restoreSqlite, type BackupFacts } from './infra/sqlite-backup.js';
import { StoreSetupError, createAdmin, createStore } from './modules/stores/index.js';

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new StoreSetupError('--password is required when not run interactively.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question('Password: ');
  } finally {
    rl.close();
  }
}

/** True for errors whose message is meant for the operator (bad flags, bad config, refused input). */
export function isOperatorError(err: unknown): err is Error {
  return (
    err instanceof StoreSetupError ||
    err instanceof ConfigError ||
    err instanceof BackupError ||
    (err instanceof Error &&
      'code' in err &&
      String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))
  );
}

const COMMANDS = ['store:create', 'admin:create', 'db:migrate', 'db:backup', 'db:restore', 'images:gc'];

/** What `cli.ts` prints without a command (or with --help): every command and its flags. */
export const USAGE = `usage: cli.js <command> [flags]   (npm run <command> -- [flags])
  db:migrate                      apply database migrations
  db:backup --out <file>          online copy of the SQLite database (consistent while the server runs)
  db:restore --from <file>        check a backup and restore it into an empty SQLite database
  store:create --id <storeIdentifier> --name <name> --admin <username> [--password <password>] [--time-zone <IANA zone>]
  admin:create --store <storeIdentifier> --admin <username> [--password <password>]
  images:gc                       delete stored images no menu item has used for 24 h
The database is DATABASE_URL (from the environment or .env).`;
const unknownCommand = (command: string | undefined) =>
  new StoreSetupError(`Unknown command "${command ?? ''}". Use ${COMMANDS.join(', ')}.`);

/**
 * Runs one command with the given environment (default: `.env` and the process environment) and
 * returns the line to print; throws on failure.
 */
export async function runCommand(argv: string[], env?: Record<string, string | undefined>): Promise<string> {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command ?? '')) {
    throw unknownCommand(command);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'string' },
      password: { type: 'string' },
      store: { type: 'string' },
      'time-zone': { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      role: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig(env);
  // Backups work on the database file as it is: no migration, no pool, nothing started.
  if (command === 'db:backup' || command === 'db:restore') {
    if (config.database.dialect !== 'sqlite') {
      throw new BackupError(
        `${command} copies SQLite databases. For MySQL use mysqldump --single-transaction and the binary log (docs/deploy.md, Backups).`,
      );
    }
    const file = config.database.filename;
    if (command === 'db:backup') {
      if (!values.out) throw new BackupError('usage: db:backup --out <file>');
      return `Backed up ${file} to ${values.out} (${describe(await backupSqlite(file, values.out))}).`;
    }
    if (!values.from) throw new BackupError('usage: db:restore --from <file>');
    const facts = await restoreSqlite(values.from, file);
    return `Restored ${values.from} into ${file} (${describe(facts)}). Start the server: it migrates the database if this release is newer.`;
  }
  configurePasswordHashing(config.passwords);
  const handle = openDatabase(config.database);
  const db = handle.db;
  try {
    const migration = await migrateToLatest(db);
    switch (command ?? '') {
      case 'db:migrate':
        if (migration.newerThanCode.length > 0) {
          return `The database is ahead of this release (${migration.newerThanCode.join(', ')}); nothing to do.`;
        }
        return migration.applied.length > 0
          ? `Applied ${migration.applied.join(', ')}. Database is up to date.`
          : 'Database is up to date.';
      case 'store:create': {
        if (!values.id || !values.name || !values.admin) {
          throw new StoreSetupError(
            'usage: store:create --id <storeIdentifier> --name <name> --admin <username> [--password <password>]',
          );
        }
        const password = values.password ?? (await askPassword());
        await createStore(db, {
          identifier: values.id,
          name: values.name,
          admin: values.admin,
          password,
          ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
        });
        return `Created store "${values.id}" with admin "${values.admin}".`;
      }
      case 'admin:create': {
        if (!values.store || !values.admin) {
          throw new StoreSetupError(
            'usage: admin:create --store <storeIdentifier> --admin <username> [--password <password>] [--role owner|staff]',
          );
        }
        const password = values.password ?? (await askPassword());
        const role = values.role ?? 'owner';
        await createAdmin(db, { store: values.store, admin: values.admin, password, role });
        return `Added ${role} "${values.admin}" to store "${values.store}".`;
      }
      case 'images:gc': {
        // Loaded here only: sharp and the AWS SDK would slow every other command's start.
        const { createImageStorage } = await import('./infra/storage.js');
        const { collectImageGarbage, describeImageGc } = await import('./modules/images/index.js');
        const storage = createImageStorage(config.storage);
        try {
          return describeImageGc(await collectImageGarbage({ db, storage }, { now: Date.now() }));
        } finally {
          storage.close();
        }
      }
      default:
        throw unknownCommand(command);
    }
  } finally {
    await handle.close();
  }
}

function describe(facts: BackupFacts): string {
  const mb = (facts.bytes / 1024 / 1024).toFixed(1);
  return `${mb} MB, ${facts.pages} pages, integrity ok, migrations through ${facts.migration}`;
}
