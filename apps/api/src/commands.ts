// Operator commands (store:create, admin:create, db:migrate, images:gc), run in-process: `cli.ts`
// wraps them for the shell, and the tests call `runCommand` directly.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/index.js';
import { migrateToLatest } from './db/migrator.js';
import { openDatabase } from './infra/db.js';
import { configurePasswordHashing } from './infra/passwords.js';
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
    (err instanceof Error &&
      'code' in err &&
      String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))
  );
}

const COMMANDS = ['store:create', 'admin:create', 'db:migrate', 'images:gc'];
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
      role: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig(env);
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
