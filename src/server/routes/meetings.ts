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
  MeetingStatus,
} from '../../protocol/meeting.js';
import { recordDeleteSchema, recordListSchema } from '../../protocol/recordings.js';
import { handle, parseBody, sendOk } from '../http.js';
import type { MeetingRef } from '../services/meetings.js';
import type { Services } from '../services/index.js';

const MEETING_FIELD_CODES = { subject: ErrorCode.BAD_SUBJECT, type: ErrorCode.BAD_MEETING_TYPE };

/** `/v2/meeting/*` (API.md "Meetings"); mounted behind the signature check. */
export function meetingRoutes(services: Services): Router {
  const router = Router();
  const { meetings } = services;

  router.post(
    '/v2/meeting/create',
    handle(async (req, res) => {
      const body = parseBody(createMeetingSchema, req.body, MEETING_FIELD_CODES);
      sendOk(res, meetings.toDto(await meetings.create(res.locals.tenant.id, body)));
    }),
  );

  router.post(
    '/v2/meeting/get',
    handle(async (req, res) => {
      const body = parseBody(getMeetingSchema, req.body);
      const row = await meetings.get(res.locals.tenant.id, body as MeetingRef);
      sendOk(res, { ...meetings.toDto(row), valid: row.status === MeetingStatus.NOT_STARTED || row.status === MeetingStatus.IN_PROGRESS });
    }),
  );

  router.post(
    '/v2/meeting/list',
    handle(async (req, res) => {
      const q = parseBody(listMeetingsSchema, req.body);
      const { rows, total } = await meetings.list(res.locals.tenant.id, q);
      sendOk(res, {
        pageIndex: q.pageIndex,
        pageSize: q.pageSize,
        totalNum: total,
        totalPages: Math.ceil(total / q.pageSize),
        meetings: rows.map((row) => meetings.toDto(row)),
      });
    }),
  );

  router.post(
    '/v2/meeting/edit',
    handle(async (req, res) => {
      await meetings.edit(res.locals.tenant.id, parseBody(editMeetingSchema, req.body, MEETING_FIELD_CODES));
      sendOk(res);
    }),
  );

  router.post(
    '/v2/meeting/cancel',
    handle(async (req, res) => {
      await meetings.cancel(res.locals.tenant.id, parseBody(cancelMeetingSchema, req.body).meetingUniqueId);
      sendOk(res);
    }),
  );

  const endBy = (path: string, schema: typeof deleteByUniqueIdSchema | typeof deleteByMeetingIdSchema | typeof deleteByShortIdSchema) =>
    router.post(
      path,
      handle(async (req, res) => {
        const { recycle, ...ref } = parseBody(schema, req.body) as { recycle?: boolean } & MeetingRef;
        await meetings.end(res.locals.tenant.id, ref as MeetingRef, recycle);
        sendOk(res);
      }),
    );
  router.post(
    '/v2/meeting/record/list',
    handle(async (req, res) => {
      sendOk(res, await services.recordings.list(res.locals.tenant.id, parseBody(recordListSchema, req.body).meetingUniqueId));
    }),
  );
  router.post(
    '/v2/meeting/record/delete',
    handle(async (req, res) => {
      const { meetingUniqueId, filename } = parseBody(recordDeleteSchema, req.body);
      await services.recordings.remove(res.locals.tenant.id, meetingUniqueId, filename);
      sendOk(res);
    }),
  );

  endBy('/v2/meeting/deleteByMeetingUniqueId', deleteByUniqueIdSchema);
  endBy('/v2/meeting/deleteByMeetingId', deleteByMeetingIdSchema);
  endBy('/v2/meeting/deleteByMeetingShortId', deleteByShortIdSchema);
  return router;
}
