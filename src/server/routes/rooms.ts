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
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Services } from '../services/index.js';
import type { Session } from '../services/users.js';
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';
import { actingAccount, ensureManages } from './scope.js';

const room = { method: 'post', tag: 'Rooms', auth: 'management', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

type Ctx = { services: Services; tenant: { id: number }; session?: Session };

/** The room a call names, if the caller may manage it (its owner, an admin, or the tenant's server). */
async function managed({ services: { rooms }, tenant, session }: Ctx, roomId: string) {
  const row = await rooms.get(tenant.id, roomId);
  ensureManages(session, row.owner_id, 'room');
  return row;
}

/** `/v1/room/*` (API.md "Rooms and people"). */
export const roomOperations = [
  operation({
    ...room,
    path: '/v1/room/create',
    summary: 'Create a persistent room',
    request: createRoomSchema,
    ret: roomObjectSchema,
    handle: async (body, { services: { rooms }, tenant, session }) => {
      const ownerId = actingAccount(session, body.ownerId);
      const row = await rooms.create(tenant.id, { ...body, ...(ownerId ? { ownerId } : {}) });
      return { roomId: row.id, ...(await rooms.toDto(row)) };
    },
  }),
  operation({
    ...room,
    path: '/v1/room/update',
    summary: 'Update a room',
    request: updateRoomSchema,
    ret: z.strictObject({ roomId: z.string() }),
    handle: async ({ roomId, ...fields }, ctx) => {
      await managed(ctx, roomId);
      await ctx.services.rooms.update(ctx.tenant.id, roomId, fields);
      return { roomId };
    },
  }),
  operation({
    ...room,
    path: '/v1/room/get',
    summary: 'Get a room',
    request: roomRefSchema,
    ret: roomObjectSchema,
    handle: async (body, ctx) => ctx.services.rooms.toDto(await managed(ctx, body.roomId)),
  }),
  operation({
    ...room,
    path: '/v1/room/rotateHostKey',
    summary: "Revoke the room's host links (and its open meeting's): answers the room with its new host link",
    request: roomRefSchema,
    ret: roomObjectSchema,
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ctx.services.rooms.toDto(await ctx.services.rooms.rotateHostKey(ctx.tenant.id, body.roomId));
    },
  }),
  operation({
    ...room,
    path: '/v1/room/delete',
    summary: 'Delete a room (ends its meeting)',
    request: roomRefSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ctx.services.rooms.delete(ctx.tenant.id, body.roomId);
    },
  }),
  operation({
    ...room,
    path: '/v1/room/isActive',
    summary: 'Is a meeting in progress in the room',
    request: roomRefSchema,
    ret: z.strictObject({ active: z.boolean() }),
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ({ active: await ctx.services.rooms.isActive(ctx.tenant.id, body.roomId) });
    },
  }),
  operation({
    ...room,
    path: '/v1/room/modifyPwd',
    summary: 'Set or clear ("") the room password',
    request: modifyPwdSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ctx.services.rooms.setPassword(ctx.tenant.id, body.roomId, body.password);
    },
  }),
  operation({
    ...room,
    path: '/v1/room/checkPwd',
    summary: 'Check a room password',
    request: checkPwdSchema,
    ret: z.strictObject({ ok: z.boolean() }),
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ({ ok: await ctx.services.rooms.checkPassword(ctx.tenant.id, body.roomId, body.password) });
    },
  }),
  operation({
    ...room,
    path: '/v1/room/hasPwd',
    summary: 'Does the room have a password',
    request: roomRefSchema,
    ret: z.strictObject({ isHasPwd: z.boolean() }),
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ({ isHasPwd: await ctx.services.rooms.hasPassword(ctx.tenant.id, body.roomId) });
    },
  }),
  operation({
    ...room,
    path: '/v1/room/addMember',
    summary: 'Add a member to a private room',
    request: memberSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ctx.services.rooms.addMember(ctx.tenant.id, body.roomId, body.userId);
    },
  }),
  operation({
    ...room,
    path: '/v1/room/deleteMember',
    summary: 'Remove a member',
    request: memberSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ctx.services.rooms.removeMember(ctx.tenant.id, body.roomId, body.userId);
    },
  }),
  operation({
    ...room,
    path: '/v1/room/members',
    summary: "A room's members",
    request: roomRefSchema,
    ret: z.strictObject({ members: z.array(z.string()) }),
    handle: async (body, ctx) => {
      await managed(ctx, body.roomId);
      return ({ members: await ctx.services.rooms.members(ctx.tenant.id, body.roomId) });
    },
  }),
  operation({
    ...room,
    path: '/v1/room/mine',
    summary: 'Rooms a user may enter',
    request: mineSchema,
    ret: z.strictObject({ rooms: z.array(roomObjectSchema) }),
    handle: async (body, { services: { rooms }, tenant, session }) => {
      const userId = actingAccount(session, body.userId);
      if (!userId) throw new MeetingError(ErrorCode.MISSING_PARAMETER, 'userId is required');
      return { rooms: await Promise.all((await rooms.mine(tenant.id, userId)).map((r) => rooms.toDto(r))) };
    },
  }),
  operation({
    ...room,
    path: '/v1/room/meetings',
    summary: "A room's meeting history, paged",
    request: roomMeetingsSchema,
    ret: z.strictObject({ resultList: z.array(meetingObjectSchema), totalCount: z.number().int(), totalPage: z.number().int() }),
    handle: async (q, ctx) => {
      const { rooms, meetings } = ctx.services;
      const tenant = ctx.tenant;
      await managed(ctx, q.roomId);
      const { rows, total } = await rooms.history(tenant.id, q.roomId, q.pageNo, q.pageSize);
      return { resultList: rows.map((r) => meetings.toDto(r, false)), totalCount: total, totalPage: Math.ceil(total / q.pageSize) };
    },
  }),
];
