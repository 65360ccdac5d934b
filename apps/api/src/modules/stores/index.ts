export { createStore, createAdmin, StoreSetupError } from './stores.service.js';
export {
  countStores,
  findAdmin,
  findStoreByIdentifier,
  findStoreSettings,
  updateStoreSettings,
  type StoreSettingsRow,
  menuVersion,
  storeIdentifier,
  storeTimeZone,
} from './stores.repository.js';
