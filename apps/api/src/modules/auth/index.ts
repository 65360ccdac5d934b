export { authRoutes } from './auth.routes.js';
export {
  requireAdmin,
  requireOwner,
  requireOwnerUnless,
  requireTable,
  adminOf,
  tableOf,
  authenticate,
  isOwner,
} from './auth.guard.js';
export type { Principal, AdminPrincipal, TablePrincipal } from './auth.guard.js';
export { clearTableLoginLock, purgeExpiredLoginFailures, tableLoginLocks } from './login-limiter.js';
export { purgeReplacedDeviceCredentials, revokeDeviceCredentials } from './device-credentials.js';
