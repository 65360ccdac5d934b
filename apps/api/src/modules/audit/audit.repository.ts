import type { Queryable, Trx } from '../../infra/db.js';

/** What an audit entry is about: an order, a dining session (its checkout), the menu, or a table. */
export type AuditSubject = 'order' | 'session' | 'menu_item' | 'category' | 'table';

/** The account a change is recorded against (an `AdminPrincipal` is one). */
export interface Actor {
  adminId: number;
  username: string;
}

/** One recorded change as the views show it. */
export interface AuditRecord {
  id: number;
  action: string;
  username: string;
  at: number;
}

/** Records who did `action` to a subject; runs in the change's own transaction. */
export async function recordAudit(
  trx: Trx,
  e: { storeId: number; subject: AuditSubject; subjectId: number; action: string; actor: Actor; now: number },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      store_id: e.storeId,
      subject: e.subject,
      subject_id: e.subjectId,
      action: e.action,
      admin_id: e.actor.adminId,
      username: e.actor.username,
      created_at: e.now,
    })
    .execute();
}

/** The entries of the given subjects, oldest first, by subject id. */
export async function auditOf(
  db: Queryable,
  storeId: number,
  subject: AuditSubject,
  ids: readonly number[],
): Promise<Map<number, AuditRecord[]>> {
  const out = new Map<number, AuditRecord[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'subject_id', 'action', 'username', 'created_at'])
    .where('store_id', '=', storeId)
    .where('subject', '=', subject)
    .where('subject_id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.subject_id) ?? [];
    list.push({ id: r.id, action: r.action, username: r.username, at: Number(r.created_at) });
    out.set(r.subject_id, list);
  }
  return out;
}

/** The latest entry of each subject of a kind in the store (or of the given ids only). */
export async function lastChangeOf(
  db: Queryable,
  storeId: number,
  subject: AuditSubject,
  ids?: readonly number[],
): Promise<Map<number, AuditRecord>> {
  if (ids?.length === 0) return new Map();
  let latest = db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('store_id', '=', storeId)
    .where('subject', '=', subject)
    .groupBy('subject_id');
  if (ids) latest = latest.where('subject_id', 'in', [...new Set(ids)]);
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'subject_id', 'action', 'username', 'created_at'])
    .where('id', 'in', latest)
    .execute();
  return new Map(
    rows.map((r) => [
      r.subject_id,
      { id: r.id, action: r.action, username: r.username, at: Number(r.created_at) },
    ]),
  );
}
