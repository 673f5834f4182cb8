import { Router, type Request, type Response } from 'express';
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
import { handle, parseBody, sendOk } from '../http.js';
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

  router.post(
    '/v1/user/login',
    handle(async (req, res) => {
      const { name, password } = parseBody(loginSchema, req.body);
      const { sid: SID, user, company } = await users.login(name, password);
      sendOk(res, { SID, user: users.toDto(user), company });
    }),
  );
  router.post(
    '/v1/user/logout',
    handle(async (req, res) => {
      const session = sid(req);
      if (session) await users.logout(session);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/user/modifyPassword',
    handle(async (req, res) => {
      const body = parseBody(modifyPasswordSchema, req.body);
      await users.modifyPassword(await users.session(sid(req)), body.userId, body.oldpassword, body.password);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/user/add',
    handle(async (req, res) => {
      const tenantId = await adminTenant(req, res);
      sendOk(res, users.toDto(await users.add(tenantId, parseBody(addUserSchema, req.body))));
    }),
  );
  router.post(
    '/v1/user/resetPassword',
    handle(async (req, res) => {
      const tenantId = await adminTenant(req, res);
      const body = parseBody(resetPasswordSchema, req.body);
      const password = await users.resetPassword(tenantId, body.userId, body.password);
      sendOk(res, body.password ? undefined : { password });
    }),
  );
  router.post(
    '/v1/user/modify',
    handle(async (req, res) => {
      const tenantId = await adminTenant(req, res);
      const { userId, ...change } = parseBody(modifyUserSchema, req.body);
      await users.modify(tenantId, userId, change);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/user/delete',
    handle(async (req, res) => {
      const tenantId = await adminTenant(req, res);
      await users.remove(tenantId, parseBody(deleteUserSchema, req.body).userId);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/user/search',
    handle(async (req, res) => {
      const tenantId = await adminTenant(req, res);
      const q = parseBody(searchUsersSchema, req.body);
      const { rows, total } = await users.search(tenantId, q.keyword, q.pageNo, q.pageSize);
      sendOk(res, { users: rows.map((r) => users.toDto(r)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) });
    }),
  );
  return router;
}
