export { tablesRoutes } from './tables.routes.js';
export {
  findLiveTableByNumber,
  findTable,
  findTableAuthState,
  insertTables,
  listTables,
  setSession,
  type TableAuthState,
} from './tables.repository.js';
