export * from './constants.js';
export * from './common.js';
export * from './auth.js';
export * from './menu.js';
export * from './options.js';
export * from './orders.js';
export * from './tables.js';
export * from './events.js';
