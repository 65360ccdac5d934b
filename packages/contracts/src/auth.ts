import { z } from 'zod';
import { ErrorBody, Id, Timestamp } from './common.js';
import {
  ADMIN_ROLES,
  ADMIN_PASSWORD_MAX,
  DEVICE_CREDENTIAL_MAX,
  ADMIN_PASSWORD_MIN,
  STORE_IDENTIFIER_MAX,
  STORE_IDENTIFIER_RE,
  TABLE_NUMBER_MAX,
  TABLE_PASSWORD_MAX,
  TABLE_PASSWORD_MIN,
  USERNAME_MAX,
  USERNAME_RE,
} from './constants.js';

export const StoreIdentifier = z
  .string()
  .regex(STORE_IDENTIFIER_RE, 'lowercase letters, digits and -, 3-30 chars');
export const Username = z.string().regex(USERNAME_RE, 'lowercase letters, digits and _ . -, 2-30 chars');
export const AdminPassword = z.string().min(ADMIN_PASSWORD_MIN).max(ADMIN_PASSWORD_MAX);
export const TablePassword = z.string().min(TABLE_PASSWORD_MIN).max(TABLE_PASSWORD_MAX);
export const TableNumber = z.number().int().min(1).max(TABLE_NUMBER_MAX);

export const Store = z
  .object({ identifier: z.string(), name: z.string(), timeZone: z.string() })
  .meta({ id: 'Store' });
export type Store = z.infer<typeof Store>;

export const AdminRole = z
  .enum(ADMIN_ROLES)
  .meta({ description: 'owner: everything; staff: service (board, statuses, checkout, calls, sold out)' });
export type AdminRole = z.infer<typeof AdminRole>;

/** An admin account of a store (`/admin/accounts`, the login's `admin`). */
export const Admin = z.object({ id: Id, username: z.string(), role: AdminRole }).meta({ id: 'Admin' });
export type Admin = z.infer<typeof Admin>;

/** `POST /admin/accounts` (owners only). */
export const AccountCreateBody = z.object({ username: Username, password: AdminPassword, role: AdminRole });
export type AccountCreateBody = z.infer<typeof AccountCreateBody>;

/** `PATCH /admin/accounts/{id}` (owners only): a new password, a new role, or both. */
export const AccountUpdateBody = z
  .object({ password: AdminPassword, role: AdminRole })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give a password or a role');
export type AccountUpdateBody = z.infer<typeof AccountUpdateBody>;

export const AdminLoginBody = z.object({
  storeIdentifier: z.string().min(1).max(STORE_IDENTIFIER_MAX),
  username: z.string().min(1).max(USERNAME_MAX),
  password: z.string().min(1).max(ADMIN_PASSWORD_MAX),
});
export type AdminLoginBody = z.infer<typeof AdminLoginBody>;

export const TableLoginBody = z.object({
  storeIdentifier: z.string().min(1).max(STORE_IDENTIFIER_MAX),
  tableNumber: TableNumber,
  password: z.string().min(1).max(TABLE_PASSWORD_MAX),
});
export type TableLoginBody = z.infer<typeof TableLoginBody>;

/**
 * A failed login (401 `invalid_credentials`). From the third failure of the account within its window on,
 * `details` is `[{remainingAttempts}]`: how many more failures lock it (0: it is locked now).
 */
export const LoginFailure = ErrorBody.extend({
  details: z
    .array(z.object({ remainingAttempts: z.number().int().min(0) }))
    .optional()
    .meta({ description: 'From the third failure on: [{remainingAttempts}]' }),
}).meta({ id: 'LoginFailure' });
export type LoginFailure = z.infer<typeof LoginFailure>;

const TokenFields = {
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: Timestamp,
  store: Store,
};

export const AdminLoginResponse = z
  .object({ ...TokenFields, admin: Admin })
  .meta({ id: 'AdminLoginResponse' });
export type AdminLoginResponse = z.infer<typeof AdminLoginResponse>;

/** `POST /auth/table/refresh`: the tablet's saved device credential instead of the table password. */
export const TableRefreshBody = z.object({
  storeIdentifier: z.string().min(1).max(STORE_IDENTIFIER_MAX),
  tableNumber: TableNumber,
  deviceCredential: z.string().min(1).max(DEVICE_CREDENTIAL_MAX),
});
export type TableRefreshBody = z.infer<typeof TableRefreshBody>;

export const TableLoginResponse = z
  .object({
    ...TokenFields,
    table: z.object({ id: Id, number: z.number().int() }),
    deviceCredential: z.string().meta({
      description:
        'Secret for POST /auth/table/refresh, kept by the tablet instead of the password. Each refresh ' +
        'answers a new one; the one used keeps working for 10 minutes, then no more. Revoked when the ' +
        "table's password changes, the table is deleted, or its devices are reset.",
    }),
  })
  .meta({ id: 'TableLoginResponse' });
export type TableLoginResponse = z.infer<typeof TableLoginResponse>;
