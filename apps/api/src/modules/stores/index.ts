export { createStore, createAdmin, StoreSetupError } from './stores.service.js';
export {
  countStores,
  findAdmin,
  findStoreByIdentifier,
  menuVersion,
  storeTimeZone,
} from './stores.repository.js';
