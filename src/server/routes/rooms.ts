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
import { handle, parseBody, sendOk } from '../http.js';
import type { Services } from '../services/index.js';

/** `/v1/room/*` (API.md "Rooms and people"); mounted behind the signature check. */
export function roomRoutes(services: Services): Router {
  const router = Router();
  const { rooms, meetings } = services;
  const post = (path: string, fn: Parameters<typeof handle>[0]) => router.post(path, handle(fn));

  post('/v1/room/create', async (req, res) => {
    const row = await rooms.create(res.locals.tenant.id, parseBody(createRoomSchema, req.body));
    sendOk(res, { roomId: row.id, ...(await rooms.toDto(row)) });
  });
  post('/v1/room/update', async (req, res) => {
    const { roomId, ...fields } = parseBody(updateRoomSchema, req.body);
    await rooms.update(res.locals.tenant.id, roomId, fields);
    sendOk(res, { roomId });
  });
  post('/v1/room/get', async (req, res) => {
    sendOk(res, await rooms.toDto(await rooms.get(res.locals.tenant.id, parseBody(roomRefSchema, req.body).roomId)));
  });
  post('/v1/room/delete', async (req, res) => {
    await rooms.delete(res.locals.tenant.id, parseBody(roomRefSchema, req.body).roomId);
    sendOk(res);
  });
  post('/v1/room/isActive', async (req, res) => {
    sendOk(res, { active: await rooms.isActive(res.locals.tenant.id, parseBody(roomRefSchema, req.body).roomId) });
  });
  post('/v1/room/modifyPwd', async (req, res) => {
    const { roomId, password } = parseBody(modifyPwdSchema, req.body);
    await rooms.setPassword(res.locals.tenant.id, roomId, password);
    sendOk(res);
  });
  post('/v1/room/checkPwd', async (req, res) => {
    const { roomId, password } = parseBody(checkPwdSchema, req.body);
    sendOk(res, { ok: await rooms.checkPassword(res.locals.tenant.id, roomId, password) });
  });
  post('/v1/room/hasPwd', async (req, res) => {
    const row = await rooms.get(res.locals.tenant.id, parseBody(roomRefSchema, req.body).roomId);
    sendOk(res, { isHasPwd: row.password !== '' });
  });
  post('/v1/room/addMember', async (req, res) => {
    const { roomId, userId } = parseBody(memberSchema, req.body);
    await rooms.addMember(res.locals.tenant.id, roomId, userId);
    sendOk(res);
  });
  post('/v1/room/deleteMember', async (req, res) => {
    const { roomId, userId } = parseBody(memberSchema, req.body);
    await rooms.removeMember(res.locals.tenant.id, roomId, userId);
    sendOk(res);
  });
  post('/v1/room/members', async (req, res) => {
    sendOk(res, { members: await rooms.members(res.locals.tenant.id, parseBody(roomRefSchema, req.body).roomId) });
  });
  post('/v1/room/mine', async (req, res) => {
    const rows = await rooms.mine(res.locals.tenant.id, parseBody(mineSchema, req.body).userId);
    sendOk(res, { rooms: await Promise.all(rows.map((r) => rooms.toDto(r))) });
  });
  post('/v1/room/meetings', async (req, res) => {
    const q = parseBody(roomMeetingsSchema, req.body);
    const { rows, total } = await rooms.history(res.locals.tenant.id, q.roomId, q.pageNo, q.pageSize);
    sendOk(res, { resultList: rows.map((r) => meetings.toDto(r, false)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) });
  });
  return router;
}
