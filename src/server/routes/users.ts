import type { Request } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.js';
import { emptyRet, userObjectSchema } from '../../protocol/responses.js';
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
import type { Services } from '../services/index.js';
import { LINK_CODE_MS } from '../services/join-codes.js';
import type { Tenant } from '../services/tenants.js';
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

const sid = (req: Request) => req.header('SID') ?? undefined;

/** The tenant an admin call acts on: from the signature, or from an admin's session. */
async function adminTenant({ services: { users }, req, tenant }: { services: Services; req: Request; tenant?: Tenant }): Promise<number> {
  if (tenant) return tenant.id;
  const session = await users.session(sid(req));
  if (!session.isAdmin) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Only a tenant admin may do this');
  return session.tenantId;
}

const userCall = { method: 'post', tag: 'Users', auth: 'session-or-signature', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

/**
 * `/v1/user/*` (API.md): the host console's sign-in and the tenant admin's user management. Sign-in
 * needs nothing; the rest need a session (`SID` header); admin calls accept an admin's session or
 * the tenant's signed server-to-server request (which is how the first admin is made).
 */
export const userOperations = [
  operation({
    ...userCall,
    auth: 'none',
    path: '/v1/user/login',
    summary: 'Sign in to the host console; answers a session id (SID)',
    request: loginSchema,
    ret: z.strictObject({ SID: z.string(), user: userObjectSchema, company: z.string() }),
    handle: async ({ name, password }, { services: { users }, req }) => {
      const { sid: SID, user, company } = await users.login(name, password, req.ip);
      return { SID, user: users.toDto(user), company };
    },
  }),
  operation({
    ...userCall,
    path: '/v1/user/logout',
    summary: 'End the session in the SID header',
    request: z.unknown(),
    ret: emptyRet,
    handle: async (_body, { services: { users }, req }) => {
      const session = sid(req);
      if (session) await users.logout(session);
    },
  }),
  operation({
    ...userCall,
    path: '/v1/user/joinCode',
    summary: 'A one-time join code for a join link (`&jc=`): single use, valid 60 s, in place of the session, which never goes in a URL',
    request: z.unknown(),
    ret: z.strictObject({ joinCode: z.string(), expiresIn: z.number().int() }),
    handle: async (_body, { services: { users, joinCodes }, req }) => ({
      joinCode: await joinCodes.issue(await users.session(sid(req))),
      expiresIn: LINK_CODE_MS / 1000,
    }),
  }),
  operation({
    ...userCall,
    path: '/v1/user/modifyPassword',
    summary: "Change one's own password (ends every session)",
    request: modifyPasswordSchema,
    ret: emptyRet,
    handle: async (body, { services: { users }, req }) => users.modifyPassword(await users.session(sid(req)), body.userId, body.oldpassword, body.password),
  }),
  operation({
    ...userCall,
    path: '/v1/user/add',
    summary: 'Admin: add a user who can sign in',
    request: addUserSchema,
    ret: userObjectSchema,
    handle: async (body, ctx) => ctx.services.users.toDto(await ctx.services.users.add(await adminTenant(ctx), body)),
  }),
  operation({
    ...userCall,
    path: '/v1/user/resetPassword',
    summary: "Admin: set a user's password (a random one, answered, when none is given)",
    request: resetPasswordSchema,
    ret: z.strictObject({ password: z.string() }).optional(),
    handle: async (body, ctx) => {
      const password = await ctx.services.users.resetPassword(await adminTenant(ctx), body.userId, body.password);
      return body.password ? undefined : { password };
    },
  }),
  operation({
    ...userCall,
    path: '/v1/user/modify',
    summary: "Admin: change a user's display name or admin right",
    request: modifyUserSchema,
    ret: emptyRet,
    handle: async ({ userId, ...change }, ctx) => ctx.services.users.modify(await adminTenant(ctx), userId, change),
  }),
  operation({
    ...userCall,
    path: '/v1/user/delete',
    summary: "Admin: remove a user's sign-in (history stays)",
    request: deleteUserSchema,
    ret: emptyRet,
    handle: async (body, ctx) => ctx.services.users.remove(await adminTenant(ctx), body.userId),
  }),
  operation({
    ...userCall,
    path: '/v1/user/search',
    summary: "Admin: the tenant's users, paged",
    request: searchUsersSchema,
    ret: z.strictObject({ users: z.array(userObjectSchema), totalCount: z.number().int(), totalPage: z.number().int() }),
    handle: async (q, ctx) => {
      const { users } = ctx.services;
      const { rows, total } = await users.search(await adminTenant(ctx), q.keyword, q.pageNo, q.pageSize);
      return { users: rows.map((r) => users.toDto(r)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) };
    },
  }),
];
