export { AccountsPage } from './AccountsPage';
export { accountKeys } from './api/query-keys';
