import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { Errors } from '../../shared/errors.js';
import { findTableAuthState } from './auth.repository.js';

export interface AdminPrincipal {
  kind: 'admin';
  storeId: number;
  adminId: number;
  exp: number;
}
export interface TablePrincipal {
  kind: 'table';
  storeId: number;
  tableId: number;
  tableNumber: number;
  exp: number;
}
export type Principal = AdminPrincipal | TablePrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Reads the bearer token from the Authorization header only (never from the URL). */
function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw Errors.unauthorized('The Authorization header must be "Bearer <token>".', 'invalid_token');
  return m[1];
}

/** Verifies the request's token and, for tables, that it has not been revoked. */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const token = bearer(request);
  if (!token) throw Errors.unauthorized();
  const claims = await ctx.tokens.verify(token);
  if (!claims) throw Errors.unauthorized('The access token is invalid or expired.', 'invalid_token');
  if (claims.kind === 'admin') return claims;
  const table = await ctx.caches.tableAuth.get(`table:${claims.tableId}`, () =>
    findTableAuthState(ctx.db, claims.tableId),
  );
  if (
    !table ||
    table.deleted_at !== null ||
    table.store_id !== claims.storeId ||
    table.token_version !== claims.tokenVersion
  ) {
    throw Errors.unauthorized('This table token has been revoked. Log in again.', 'token_revoked');
  }
  return {
    kind: 'table',
    storeId: claims.storeId,
    tableId: claims.tableId,
    tableNumber: table.number,
    exp: claims.exp,
  };
}

/** preHandler for admin routes: 401 without a valid token, 403 for a table token. */
export function requireAdmin(ctx: AppContext): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const p = await authenticate(ctx, request);
    if (p.kind !== 'admin') throw Errors.forbidden('Table tokens cannot use admin routes.');
    request.principal = p;
  };
}

/** preHandler for table routes: 401 without a valid token, 403 for an admin token. */
export function requireTable(ctx: AppContext): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const p = await authenticate(ctx, request);
    if (p.kind !== 'table') throw Errors.forbidden('Admin tokens cannot use table routes.');
    request.principal = p;
  };
}

/** The admin principal set by requireAdmin. */
export function adminOf(request: FastifyRequest): AdminPrincipal {
  const p = request.principal;
  if (p?.kind !== 'admin') throw Errors.unauthorized();
  return p;
}

/** The table principal set by requireTable. */
export function tableOf(request: FastifyRequest): TablePrincipal {
  const p = request.principal;
  if (p?.kind !== 'table') throw Errors.unauthorized();
  return p;
}
