import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const STORE_IDENTIFIER_RE = /^[a-z0-9-]{3,30}$/;
export const USERNAME_RE = /^[a-z0-9_.-]{2,30}$/;

export const StoreIdentifier = z
  .string()
  .regex(STORE_IDENTIFIER_RE, 'lowercase letters, digits and -, 3-30 chars');
export const Username = z.string().regex(USERNAME_RE, 'lowercase letters, digits and _ . -, 2-30 chars');
export const AdminPassword = z.string().min(8).max(128);
export const TablePassword = z.string().min(4).max(32);
export const TableNumber = z.number().int().min(1).max(999);

export const Store = z
  .object({ identifier: z.string(), name: z.string(), timeZone: z.string() })
  .meta({ id: 'Store' });
export type Store = z.infer<typeof Store>;

export const Admin = z.object({ id: Id, username: z.string() }).meta({ id: 'Admin' });
export type Admin = z.infer<typeof Admin>;

export const AdminLoginBody = z.object({
  storeIdentifier: z.string().min(1).max(30),
  username: z.string().min(1).max(30),
  password: z.string().min(1).max(128),
});
export type AdminLoginBody = z.infer<typeof AdminLoginBody>;

export const TableLoginBody = z.object({
  storeIdentifier: z.string().min(1).max(30),
  tableNumber: TableNumber,
  password: z.string().min(1).max(32),
});
export type TableLoginBody = z.infer<typeof TableLoginBody>;

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

export const TableLoginResponse = z
  .object({ ...TokenFields, table: z.object({ id: Id, number: z.number().int() }) })
  .meta({ id: 'TableLoginResponse' });
export type TableLoginResponse = z.infer<typeof TableLoginResponse>;
