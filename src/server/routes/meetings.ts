import { Router } from 'express';
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
} from '../../protocol/meeting.js';
import { recordDeleteSchema, recordListSchema } from '../../protocol/recordings.js';
import { jsonRoute } from '../http.js';
import type { Services } from '../services/index.js';
import type { MeetingRef } from '../services/meetings.js';

const MEETING_FIELD_CODES = { subject: ErrorCode.BAD_SUBJECT, type: ErrorCode.BAD_MEETING_TYPE };

/** `/v2/meeting/*` (API.md "Meetings"); mounted behind the signature check. */
export function meetingRoutes({ meetings, recordings }: Services): Router {
  const router = Router();
  const tenant = (res: { locals: { tenant: { id: number } } }) => res.locals.tenant.id;

  jsonRoute(router, '/v2/meeting/create', createMeetingSchema, async (body, res) => meetings.toDto(await meetings.create(tenant(res), body)), MEETING_FIELD_CODES);
  jsonRoute(router, '/v2/meeting/get', getMeetingSchema, async (ref, res) => {
    const row = await meetings.get(tenant(res), ref as MeetingRef);
    return { ...meetings.toDto(row), valid: meetings.isLive(row) };
  });
  jsonRoute(router, '/v2/meeting/list', listMeetingsSchema, async (q, res) => {
    const { rows, total } = await meetings.list(tenant(res), q);
    return { pageIndex: q.pageIndex, pageSize: q.pageSize, totalNum: total, totalPages: Math.ceil(total / q.pageSize), meetings: rows.map((r) => meetings.toDto(r)) };
  });
  jsonRoute(router, '/v2/meeting/edit', editMeetingSchema, (body, res) => meetings.edit(tenant(res), body), MEETING_FIELD_CODES);
  jsonRoute(router, '/v2/meeting/cancel', cancelMeetingSchema, async (body, res) => void (await meetings.cancel(tenant(res), body.meetingUniqueId)));
  jsonRoute(router, '/v2/meeting/record/list', recordListSchema, (body, res) => recordings.list(tenant(res), body.meetingUniqueId));
  jsonRoute(router, '/v2/meeting/record/delete', recordDeleteSchema, (body, res) => recordings.remove(tenant(res), body.meetingUniqueId, body.filename));

  // Ending by unique id, code or short id (SPEC M4): the body minus `recycle` names the meeting.
  for (const [path, schema] of [
    ['/v2/meeting/deleteByMeetingUniqueId', deleteByUniqueIdSchema],
    ['/v2/meeting/deleteByMeetingId', deleteByMeetingIdSchema],
    ['/v2/meeting/deleteByMeetingShortId', deleteByShortIdSchema],
  ] as const) {
    jsonRoute(router, path, schema as typeof deleteByUniqueIdSchema, async ({ recycle, ...ref }, res) => void (await meetings.end(tenant(res), ref as MeetingRef, recycle)));
  }
  return router;
}
