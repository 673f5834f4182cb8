import { Router } from 'express';
import {
  checkPwdSchema,
  createRoomSchema,
  memberSchema,
  mineSchema,
  modifyPwdSchema,
  roomMeetingsSchema,
  roomRefSchema,
  updateRoomSchema,
} from '../../protocol/rooms.js';
import { jsonRoute } from '../http.js';
import type { Services } from '../services/index.js';

/** `/v1/room/*` (API.md "Rooms and people"); mounted behind the signature check. */
export function roomRoutes({ rooms, meetings }: Services): Router {
  const router = Router();
  const tenant = (res: { locals: { tenant: { id: number } } }) => res.locals.tenant.id;

  jsonRoute(router, '/v1/room/create', createRoomSchema, async (body, res) => {
    const row = await rooms.create(tenant(res), body);
    return { roomId: row.id, ...(await rooms.toDto(row)) };
  });
  jsonRoute(router, '/v1/room/update', updateRoomSchema, async ({ roomId, ...fields }, res) => {
    await rooms.update(tenant(res), roomId, fields);
    return { roomId };
  });
  jsonRoute(router, '/v1/room/get', roomRefSchema, async (body, res) => rooms.toDto(await rooms.get(tenant(res), body.roomId)));
  jsonRoute(router, '/v1/room/delete', roomRefSchema, (body, res) => rooms.delete(tenant(res), body.roomId));
  jsonRoute(router, '/v1/room/isActive', roomRefSchema, async (body, res) => ({ active: await rooms.isActive(tenant(res), body.roomId) }));
  jsonRoute(router, '/v1/room/modifyPwd', modifyPwdSchema, (body, res) => rooms.setPassword(tenant(res), body.roomId, body.password));
  jsonRoute(router, '/v1/room/checkPwd', checkPwdSchema, async (body, res) => ({ ok: await rooms.checkPassword(tenant(res), body.roomId, body.password) }));
  jsonRoute(router, '/v1/room/hasPwd', roomRefSchema, async (body, res) => ({ isHasPwd: await rooms.hasPassword(tenant(res), body.roomId) }));
  jsonRoute(router, '/v1/room/addMember', memberSchema, (body, res) => rooms.addMember(tenant(res), body.roomId, body.userId));
  jsonRoute(router, '/v1/room/deleteMember', memberSchema, (body, res) => rooms.removeMember(tenant(res), body.roomId, body.userId));
  jsonRoute(router, '/v1/room/members', roomRefSchema, async (body, res) => ({ members: await rooms.members(tenant(res), body.roomId) }));
  jsonRoute(router, '/v1/room/mine', mineSchema, async (body, res) => ({
    rooms: await Promise.all((await rooms.mine(tenant(res), body.userId)).map((r) => rooms.toDto(r))),
  }));
  jsonRoute(router, '/v1/room/meetings', roomMeetingsSchema, async (q, res) => {
    const { rows, total } = await rooms.history(tenant(res), q.roomId, q.pageNo, q.pageSize);
    return { resultList: rows.map((r) => meetings.toDto(r, false)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) };
  });
  return router;
}
