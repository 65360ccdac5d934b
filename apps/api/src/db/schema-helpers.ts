import { MysqlAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** True when the Kysely instance talks to MySQL/MariaDB. */
export function isMysql(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/** `CREATE TABLE` that on MySQL uses InnoDB and binary utf8mb4, so text compares as on SQLite. */
export function createTable(db: Kysely<unknown>, name: string): CreateTableBuilder<string> {
  const builder = db.schema.createTable(name);
  return isMysql(db)
    ? builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`)
    : builder;
}
