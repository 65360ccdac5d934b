export { AuthProvider, useAuth, useSession, type LogoutReason } from './auth-context';
export { LoginPage } from './LoginPage';
export type { Session } from './session';
export { useIsOwner, useRole } from './use-role';
