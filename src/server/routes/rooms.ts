import { z } from 'zod';
import { emptyRet, meetingObjectSchema, roomObjectSchema } from '../../protocol/responses.js';
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
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

const room = { method: 'post', tag: 'Rooms', auth: 'signature', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

/** `/v1/room/*` (API.md "Rooms and people"). */
export const roomOperations = [
  operation({
    ...room,
    path: '/v1/room/create',
    summary: 'Create a persistent room',
    request: createRoomSchema,
    ret: roomObjectSchema,
    handle: async (body, { services: { rooms }, tenant }) => {
      const row = await rooms.create(tenant.id, body);
      return { roomId: row.id, ...(await rooms.toDto(row)) };
    },
  }),
  operation({
    ...room,
    path: '/v1/room/update',
    summary: 'Update a room',
    request: updateRoomSchema,
    ret: z.strictObject({ roomId: z.string() }),
    handle: async ({ roomId, ...fields }, { services: { rooms }, tenant }) => {
      await rooms.update(tenant.id, roomId, fields);
      return { roomId };
    },
  }),
  operation({
    ...room,
    path: '/v1/room/get',
    summary: 'Get a room',
    request: roomRefSchema,
    ret: roomObjectSchema,
    handle: async (body, { services: { rooms }, tenant }) => rooms.toDto(await rooms.get(tenant.id, body.roomId)),
  }),
  operation({
    ...room,
    path: '/v1/room/delete',
    summary: 'Delete a room (ends its meeting)',
    request: roomRefSchema,
    ret: emptyRet,
    handle: (body, { services: { rooms }, tenant }) => rooms.delete(tenant.id, body.roomId),
  }),
  operation({
    ...room,
    path: '/v1/room/isActive',
    summary: 'Is a meeting in progress in the room',
    request: roomRefSchema,
    ret: z.strictObject({ active: z.boolean() }),
    handle: async (body, { services: { rooms }, tenant }) => ({ active: await rooms.isActive(tenant.id, body.roomId) }),
  }),
  operation({
    ...room,
    path: '/v1/room/modifyPwd',
    summary: 'Set or clear ("") the room password',
    request: modifyPwdSchema,
    ret: emptyRet,
    handle: (body, { services: { rooms }, tenant }) => rooms.setPassword(tenant.id, body.roomId, body.password),
  }),
  operation({
    ...room,
    path: '/v1/room/checkPwd',
    summary: 'Check a room password',
    request: checkPwdSchema,
    ret: z.strictObject({ ok: z.boolean() }),
    handle: async (body, { services: { rooms }, tenant }) => ({ ok: await rooms.checkPassword(tenant.id, body.roomId, body.password) }),
  }),
  operation({
    ...room,
    path: '/v1/room/hasPwd',
    summary: 'Does the room have a password',
    request: roomRefSchema,
    ret: z.strictObject({ isHasPwd: z.boolean() }),
    handle: async (body, { services: { rooms }, tenant }) => ({ isHasPwd: await rooms.hasPassword(tenant.id, body.roomId) }),
  }),
  operation({
    ...room,
    path: '/v1/room/addMember',
    summary: 'Add a member to a private room',
    request: memberSchema,
    ret: emptyRet,
    handle: (body, { services: { rooms }, tenant }) => rooms.addMember(tenant.id, body.roomId, body.userId),
  }),
  operation({
    ...room,
    path: '/v1/room/deleteMember',
    summary: 'Remove a member',
    request: memberSchema,
    ret: emptyRet,
    handle: (body, { services: { rooms }, tenant }) => rooms.removeMember(tenant.id, body.roomId, body.userId),
  }),
  operation({
    ...room,
    path: '/v1/room/members',
    summary: "A room's members",
    request: roomRefSchema,
    ret: z.strictObject({ members: z.array(z.string()) }),
    handle: async (body, { services: { rooms }, tenant }) => ({ members: await rooms.members(tenant.id, body.roomId) }),
  }),
  operation({
    ...room,
    path: '/v1/room/mine',
    summary: 'Rooms a user may enter',
    request: mineSchema,
    ret: z.strictObject({ rooms: z.array(roomObjectSchema) }),
    handle: async (body, { services: { rooms }, tenant }) => ({
      rooms: await Promise.all((await rooms.mine(tenant.id, body.userId)).map((r) => rooms.toDto(r))),
    }),
  }),
  operation({
    ...room,
    path: '/v1/room/meetings',
    summary: "A room's meeting history, paged",
    request: roomMeetingsSchema,
    ret: z.strictObject({ resultList: z.array(meetingObjectSchema), totalCount: z.number().int(), totalPage: z.number().int() }),
    handle: async (q, { services: { rooms, meetings }, tenant }) => {
      const { rows, total } = await rooms.history(tenant.id, q.roomId, q.pageNo, q.pageSize);
      return { resultList: rows.map((r) => meetings.toDto(r, false)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) };
    },
  }),
];
