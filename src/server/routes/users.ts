import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.js';
import {
  addUserSchema,
  deleteUserSchema,
  loginSchema,
  modifyPasswordSchema,
  modifyUserSchema,
  resetPasswordSchema,
  searchUsersSchema,
} from '../../protocol/users.js';
import { MeetingError } from '../errors.js';
import { jsonRoute } from '../http.js';
import type { Services } from '../services/index.js';

/**
 * `/v1/user/*` (API.md): the host console's sign-in and the tenant admin's user management. Sign-in
 * needs nothing; the rest need a session (`SID` header); admin calls accept an admin's session or
 * the tenant's signed server-to-server request (which is how the first admin is made).
 */
export function userRoutes(services: Services): Router {
  const router = Router();
  const { users } = services;
  const sid = (req: Request) => req.header('SID') ?? undefined;

  /** The tenant an admin call acts on: from the signature, or from an admin's session. */
  const adminTenant = async (req: Request, res: Response): Promise<number> => {
    if (res.locals.tenant) return res.locals.tenant.id;
    const session = await users.session(sid(req));
    if (!session.isAdmin) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Only a tenant admin may do this');
    return session.tenantId;
  };

  jsonRoute(router, '/v1/user/login', loginSchema, async ({ name, password }) => {
    const { sid: SID, user, company } = await users.login(name, password);
    return { SID, user: users.toDto(user), company };
  });
  jsonRoute(router, '/v1/user/logout', z.unknown(), async (_body, _res, req) => {
    const session = sid(req);
    if (session) await users.logout(session);
  });
  jsonRoute(router, '/v1/user/modifyPassword', modifyPasswordSchema, async (body, _res, req) =>
    users.modifyPassword(await users.session(sid(req)), body.userId, body.oldpassword, body.password),
  );
  jsonRoute(router, '/v1/user/add', addUserSchema, async (body, res, req) => users.toDto(await users.add(await adminTenant(req, res), body)));
  jsonRoute(router, '/v1/user/resetPassword', resetPasswordSchema, async (body, res, req) => {
    const password = await users.resetPassword(await adminTenant(req, res), body.userId, body.password);
    return body.password ? undefined : { password };
  });
  jsonRoute(router, '/v1/user/modify', modifyUserSchema, async ({ userId, ...change }, res, req) => users.modify(await adminTenant(req, res), userId, change));
  jsonRoute(router, '/v1/user/delete', deleteUserSchema, async (body, res, req) => users.remove(await adminTenant(req, res), body.userId));
  jsonRoute(router, '/v1/user/search', searchUsersSchema, async (q, res, req) => {
    const { rows, total } = await users.search(await adminTenant(req, res), q.keyword, q.pageNo, q.pageSize);
    return { users: rows.map((r) => users.toDto(r)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) };
  });
  return router;
}
