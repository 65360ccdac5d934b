import type { Kysely } from 'kysely';
import { isMysql } from '../schema-helpers.js';

/**
 * Every money column becomes 64-bit. The largest order the SPEC allows (30 lines x 99 x ₩10,000,000 =
 * ₩29,700,000,000) and a session's total can pass 2^31 - 1, which MySQL's INT refuses. SQLite's INTEGER
 * is 64-bit already, so there is nothing to do there. Forward-compatible: the previous release reads
 * BIGINT columns as numbers (the mysql2 pool has `supportBigNumbers: false`; values stay below 2^53).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isMysql(db)) return;
  const money: [table: string, column: string, nullable: boolean][] = [
    ['menu_items', 'price', false],
    ['orders', 'total_amount', false],
    ['order_items', 'unit_price', false],
    ['order_items', 'subtotal', false],
    ['table_sessions', 'total_amount', true],
  ];
  for (const [table, column, nullable] of money) {
    await db.schema
      .alterTable(table)
      .modifyColumn(column, 'bigint', (c) => (nullable ? c : c.notNull()))
      .execute();
  }
}
