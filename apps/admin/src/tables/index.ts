export { TablesPage } from './TablesPage';
export { TableHistoryPage } from './TableHistoryPage';
export { tableKeys } from './api/query-keys';
