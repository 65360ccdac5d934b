export { reportsRoutes } from './reports.routes.js';
export { recordOrder, salesAfter, salesBefore, rebuildStoreSales } from './sales-ledger.js';
