export { SettingsPage } from './SettingsPage';
export { settingsKeys } from './api/query-keys';
export { useStoreSettings } from './api/get-store-settings';
