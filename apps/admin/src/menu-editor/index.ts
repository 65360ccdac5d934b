export { menuKeys } from './api/query-keys';
export { useCategories } from './api/list-categories';
export { MenuEditorPage } from './MenuEditorPage';
