export {
  auditOf,
  lastChangeOf,
  recordAudit,
  type Actor,
  type AuditRecord,
  type AuditSubject,
} from './audit.repository.js';
