import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.js';
import {
  cancelMeetingSchema,
  createMeetingSchema,
  deleteByMeetingIdSchema,
  deleteByShortIdSchema,
  deleteByUniqueIdSchema,
  editMeetingSchema,
  getMeetingSchema,
  listMeetingsSchema,
  rotateHostKeySchema,
} from '../../protocol/meeting.js';
import { recordDeleteSchema, recordListSchema, recordingFileSchema } from '../../protocol/recordings.js';
import { emptyRet, meetingListSchema, meetingObjectSchema } from '../../protocol/responses.js';
import type { Services } from '../services/index.js';
import type { MeetingRef } from '../services/meetings.js';
import type { Session } from '../services/users.js';
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';
import { actingAccount, ensureManages, listedOwner } from './scope.js';

const MEETING_FIELD_CODES = { subject: ErrorCode.BAD_SUBJECT, type: ErrorCode.BAD_MEETING_TYPE };

const meeting = { method: 'post', tag: 'Meetings', auth: 'management', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

type Ctx = { services: Services; tenant: { id: number }; session?: Session };

/** The meeting a call names, if the caller may manage it (its host, an admin, or the tenant's server). */
async function managed({ services: { meetings }, tenant, session }: Ctx, ref: MeetingRef) {
  const row = await meetings.get(tenant.id, ref);
  ensureManages(session, row.host_account, 'meeting');
  return row;
}

/** Ending by unique id, code or short id (SPEC M4): the body minus `recycle` names the meeting. */
const endBy = (path: string, summary: string, request: typeof deleteByUniqueIdSchema | typeof deleteByMeetingIdSchema | typeof deleteByShortIdSchema) =>
  operation({
    ...meeting,
    path,
    summary,
    request: request as typeof deleteByUniqueIdSchema,
    ret: emptyRet,
    handle: async ({ recycle, ...ref }, ctx) => void (await ctx.services.meetings.end(ctx.tenant.id, { meetingUniqueId: (await managed(ctx, ref as MeetingRef)).unique_id }, recycle)),
  });

/** `/v2/meeting/*` (API.md "Meetings"). */
export const meetingOperations = [
  operation({
    ...meeting,
    path: '/v2/meeting/create',
    summary: 'Create an instant, personal or scheduled meeting',
    request: createMeetingSchema,
    ret: meetingObjectSchema,
    fieldCodes: MEETING_FIELD_CODES,
    // A person creates meetings they host (an admin may name another host).
    handle: async (body, { services: { meetings }, tenant, session }) => {
      const host = actingAccount(session, body.host);
      return meetings.toDto(await meetings.create(tenant.id, { ...body, ...(host ? { host } : {}) }));
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/get',
    summary: 'Get a meeting by unique id, code or short id',
    request: getMeetingSchema,
    ret: meetingObjectSchema,
    handle: async (ref, ctx) => {
      const row = await managed(ctx, ref as MeetingRef);
      return { ...ctx.services.meetings.toDto(row), valid: ctx.services.meetings.isLive(row) };
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/list',
    summary: 'List meetings with filters, paged',
    request: listMeetingsSchema,
    ret: meetingListSchema,
    handle: async (q, { services: { meetings }, tenant, session }) => {
      const host = listedOwner(session);
      const { rows, total } = await meetings.list(tenant.id, { ...q, ...(host ? { hostAccount: host } : {}) });
      return { pageIndex: q.pageIndex, pageSize: q.pageSize, totalNum: total, totalPages: Math.ceil(total / q.pageSize), meetings: rows.map((r) => meetings.toDto(r)) };
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/edit',
    summary: 'Edit a meeting that is not over',
    request: editMeetingSchema,
    ret: emptyRet,
    fieldCodes: MEETING_FIELD_CODES,
    handle: async (body, ctx) => {
      await managed(ctx, { meetingUniqueId: body.meetingUniqueId });
      const { before, after } = await ctx.services.meetings.edit(ctx.tenant.id, body);
      await ctx.services.control.edited(before, after);
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/cancel',
    summary: 'Cancel a meeting that has not started',
    request: cancelMeetingSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body);
      await ctx.services.meetings.cancel(ctx.tenant.id, body.meetingUniqueId);
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/rotateHostKey',
    summary: "Revoke the meeting's host links: answers the meeting with its new host link",
    request: rotateHostKeySchema,
    ret: meetingObjectSchema,
    handle: async (ref, ctx) => {
      const row = await managed(ctx, ref);
      await ctx.services.control.rotateHostKey(row);
      return ctx.services.meetings.toDto(row);
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/record/list',
    summary: "A meeting's recording files",
    request: recordListSchema,
    ret: z.array(recordingFileSchema),
    handle: async (body, ctx) => {
      await managed(ctx, body);
      return ctx.services.recordings.list(ctx.tenant.id, body.meetingUniqueId);
    },
  }),
  operation({
    ...meeting,
    path: '/v2/meeting/record/delete',
    summary: 'Delete one recording file',
    request: recordDeleteSchema,
    ret: emptyRet,
    handle: async (body, ctx) => {
      await managed(ctx, body);
      await ctx.services.recordings.remove(ctx.tenant.id, body.meetingUniqueId, body.filename);
    },
  }),
  endBy('/v2/meeting/deleteByMeetingUniqueId', 'End (and optionally recycle) a meeting', deleteByUniqueIdSchema),
  endBy('/v2/meeting/deleteByMeetingId', 'End a meeting by its code', deleteByMeetingIdSchema),
  endBy('/v2/meeting/deleteByMeetingShortId', 'End a meeting by its short id', deleteByShortIdSchema),
];
