export { seedDemoIfEmpty, DEMO } from './demo-seed.js';
