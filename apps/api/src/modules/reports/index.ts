export { reportsRoutes } from './reports.routes.js';
export { recordOrders, salesAfter, salesBefore, rebuildStoreSales } from './sales-ledger.js';
