export { createStore, createAdmin, StoreSetupError } from './stores.service.js';
export {
  countStores,
  findAdmin,
  findStoreByIdentifier,
  menuVersion,
  storeIdentifier,
  storeTimeZone,
} from './stores.repository.js';
