import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('SQLite checkpoints off the request thread', () => {
  it('copies the write-ahead log into the database from the worker, and cleans up on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'to-ckpt-'));
    dirs.push(dir);
    const filename = join(dir, 'db.sqlite');
    const handle = openDatabase({ dialect: 'sqlite', filename });
    const { db } = handle;
    const autocheckpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    // The request thread never checkpoints: only the worker can move pages into the database file.
    expect(autocheckpoint.rows[0]?.wal_autocheckpoint).toBe(0);

    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    const before = statSync(filename).size;
    const row = 'x'.repeat(1000);
    for (let i = 0; i < 4000; i++) await sql`insert into t (v) values (${row})`.execute(db);
    expect(statSync(`${filename}-wal`).size).toBeGreaterThan(4_000_000);
    expect(await until(() => statSync(filename).size > before + 3_000_000, 5000)).toBe(true);

    await handle.close();
    // Both connections closed after a last checkpoint: SQLite removed the log, the data is in the file.
    expect(existsSync(`${filename}-wal`)).toBe(false);
    const again = openDatabase({ dialect: 'sqlite', filename });
    const count = await sql<{ n: number }>`select count(*) as n from t`.execute(again.db);
    expect(count.rows[0]?.n).toBe(4000);
    await again.close();
  });
});
