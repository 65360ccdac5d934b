import type { AdminRole } from '@table-order/contracts';
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { AppContext } from '../../app-context.js';
import type { DiningTableRow } from '../../db/types.js';
import { Errors } from '../../shared/errors.js';
import type { VerifiedClaims } from '../../infra/tokens.js';
import type { AdminAuthState } from '../stores/index.js';

export interface AdminPrincipal {
  kind: 'admin';
  storeId: number;
  adminId: number;
  /** The account's username and role as they are now (read with the token check). */
  username: string;
  role: AdminRole;
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
  if (!m) throw Errors.invalidToken('The Authorization header must be "Bearer <token>".');
  return m[1];
}

/**
 * Verifies the request's token and that it has not been revoked: a table's by a password change, delete
 * or device reset; an account's by a password or role change or its deletion.
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const token = bearer(request);
  if (!token) throw Errors.unauthorized();
  const claims = await ctx.tokens.verify(token);
  if (!claims) throw Errors.invalidToken();
  if (claims.kind === 'admin') {
    const admin = await ctx.caches.adminAuth.get(claims.adminId);
    const principal = admin && adminPrincipal(claims, admin);
    if (!principal) throw Errors.tokenRevoked('This login has been revoked. Log in again.');
    return principal;
  }
  const table = await ctx.caches.tableAuth.get(claims.tableId, writes(request));
  const principal = table && tablePrincipal(claims, table);
  if (!principal) throw Errors.tokenRevoked();
  return principal;
}

/**
 * `authenticate` answered from memory alone (a token verified before, a cached table state): the
 * common case, without a promise. Undefined when anything needs the full check, refusals included.
 */
function authenticatedBefore(ctx: AppContext, request: FastifyRequest): Principal | undefined {
  const h = request.headers.authorization;
  const token = h?.startsWith('Bearer ') ? h.slice(7) : undefined;
  if (!token || token.includes(' ')) return undefined;
  const claims = ctx.tokens.verifiedBefore(token);
  if (!claims) return undefined;
  if (claims.kind === 'admin') {
    const admin = ctx.caches.adminAuth.peek(claims.adminId);
    return admin && adminPrincipal(claims, admin);
  }
  const table = ctx.caches.tableAuth.peek(claims.tableId, writes(request));
  return table && tablePrincipal(claims, table);
}

/**
 * Whether a tablet's request writes (an order, a staff call): its token is checked against the table's
 * current state even where reads accept one up to an events poll interval old (MySQL without Redis),
 * so a reset or deleted table's token never writes through another instance.
 */
function writes(request: FastifyRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD';
}

function adminPrincipal(
  claims: Extract<VerifiedClaims, { kind: 'admin' }>,
  admin: AdminAuthState,
): AdminPrincipal | undefined {
  if (admin.storeId !== claims.storeId || admin.tokenVersion !== claims.tokenVersion) return undefined;
  return {
    kind: 'admin',
    storeId: claims.storeId,
    adminId: claims.adminId,
    username: admin.username,
    role: admin.role,
    exp: claims.exp,
  };
}

function tablePrincipal(
  claims: Extract<VerifiedClaims, { kind: 'table' }>,
  table: Pick<DiningTableRow, 'store_id' | 'number' | 'token_version' | 'deleted_at'>,
): TablePrincipal | undefined {
  if (
    table.deleted_at !== null ||
    table.store_id !== claims.storeId ||
    table.token_version !== claims.tokenVersion
  )
    return undefined;
  return {
    kind: 'table',
    storeId: claims.storeId,
    tableId: claims.tableId,
    tableNumber: table.number,
    exp: claims.exp,
  };
}

/** A preHandler that sets `request.principal` when `accept` takes it (else fails with its error). */
function guard(ctx: AppContext, accept: (p: Principal) => Principal): preHandlerHookHandler {
  const admit = (request: FastifyRequest, p: Principal, done: (err?: Error) => void) => {
    try {
      request.principal = accept(p);
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  };
  return (request, _reply, done) => {
    const known = authenticatedBefore(ctx, request);
    if (known) {
      admit(request, known, done);
      return;
    }
    authenticate(ctx, request).then(
      (p) => {
        admit(request, p, done);
      },
      (err: unknown) => {
        done(err as Error);
      },
    );
  };
}

/** preHandler for admin routes: 401 without a valid token, 403 for a table token. */
export function requireAdmin(ctx: AppContext): preHandlerHookHandler {
  return guard(ctx, (p) => {
    if (p.kind !== 'admin') throw Errors.forbidden('Table tokens cannot use admin routes.');
    return p;
  });
}

/**
 * Route preHandler for what only an owner may do (menu and table management, settings, accounts…),
 * after the plugin's `requireAdmin`: staff get 403 `forbidden`. Adding it to a route is one line:
 * `{ preHandler: requireOwner, schema: … }`.
 */
export const requireOwner: preHandlerHookHandler = (request, _reply, done) => {
  done(isOwner(request) ? undefined : ownerOnly());
};

/**
 * Like `requireOwner`, but staff may pass when `staffMay` says so for this request (its body is parsed
 * by then): the sold-out switch is a PATCH of a menu item carrying only `soldOut`.
 */
export function requireOwnerUnless(staffMay: (request: FastifyRequest) => boolean): preHandlerHookHandler {
  return (request, _reply, done) => {
    done(
      isOwner(request) || (adminOf(request).role === 'staff' && staffMay(request)) ? undefined : ownerOnly(),
    );
  };
}

/** True when the request's principal (set by `requireAdmin`) is an owner. */
export function isOwner(request: FastifyRequest): boolean {
  const p = request.principal;
  return p?.kind === 'admin' && p.role === 'owner';
}

const ownerOnly = () => Errors.forbidden('Only an owner account may do this.');

/** preHandler for table routes: 401 without a valid token, 403 for an admin token. */
export function requireTable(ctx: AppContext): preHandlerHookHandler {
  return guard(ctx, (p) => {
    if (p.kind !== 'table') throw Errors.forbidden('Admin tokens cannot use table routes.');
    return p;
  });
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
