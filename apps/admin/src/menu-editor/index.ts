export { menuKeys } from './api/query-keys';
export { MenuEditorPage } from './MenuEditorPage';
