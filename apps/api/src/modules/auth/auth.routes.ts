import {
  AdminLoginBody,
  AdminLoginResponse,
  ErrorBody,
  LoginFailure,
  TableLoginBody,
  TableLoginResponse,
  TableRefreshBody,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { AuthService, type LoginTables } from './auth.service.js';

const errors = { 401: LoginFailure, 422: ErrorBody, 423: ErrorBody, 429: ErrorBody };

/**
 * POST /api/v1/auth/admin/login, /api/v1/auth/table/login and /api/v1/auth/table/refresh. `tables` is the tables module's lookup
 * (handed in by app.ts: the tables module's routes depend on this module's guards).
 */
export function authRoutes(ctx: AppContext, tables: LoginTables): FastifyPluginAsyncZod {
  const service = new AuthService(ctx, tables);
  return async (app) => {
    app.post(
      '/auth/admin/login',
      { schema: { tags: ['auth'], body: AdminLoginBody, response: { 200: AdminLoginResponse, ...errors } } },
      (request) => service.adminLogin(request.body, request.ip),
    );
    app.post(
      '/auth/table/login',
      { schema: { tags: ['auth'], body: TableLoginBody, response: { 200: TableLoginResponse, ...errors } } },
      (request) => service.tableLogin(request.body, request.ip),
    );
    app.post(
      '/auth/table/refresh',
      {
        schema: {
          tags: ['auth'],
          summary: "The tablet's re-login with its device credential (rotated on every use)",
          body: TableRefreshBody,
          response: { 200: TableLoginResponse, ...errors },
        },
      },
      (request) => service.tableRefresh(request.body, request.ip),
    );
    return Promise.resolve();
  };
}
