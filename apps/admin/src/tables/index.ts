export { TablesPage } from './TablesPage';
export { TableHistoryPage } from './TableHistoryPage';
