export { createStore, createAdmin, StoreSetupError } from './stores.service.js';
export { seedDemoIfEmpty, DEMO } from './demo-seed.js';
