export { tablesRoutes } from './tables.routes.js';
export {
  findLiveTableByNumber,
  findTable,
  findTables,
  findTableAuthState,
  insertTables,
  listTables,
  claimForSession,
  clearSession,
  type TableAuthState,
} from './tables.repository.js';
