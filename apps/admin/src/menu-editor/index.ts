export { MenuEditorPage } from './MenuEditorPage';
