import { z } from 'zod';
import { joinGrantSchema } from './join.js';
import { meetingDtoSchema } from './meeting.js';

/**
 * The shapes of `ret` in answers: documented in the OpenAPI document and checked against real
 * answers in tests, so the document cannot drift from the server.
 */
export const accountObjectSchema = z.strictObject({
  accountId: z.string(),
  accountToken: z.string(),
  personalMeetingId: z.string().regex(/^\d{10}$/),
  shortId: z.string().optional(),
  imAccid: z.string().optional(),
});

export const meetingObjectSchema = z.strictObject({
  ...meetingDtoSchema.shape,
  valid: z.boolean().optional().describe('get only: not started or in progress'),
});

export const meetingListSchema = z.strictObject({
  pageIndex: z.number().int(),
  pageSize: z.number().int(),
  totalNum: z.number().int(),
  totalPages: z.number().int(),
  meetings: z.array(meetingObjectSchema),
});

export const emptyRet = z.undefined();

/** What a refusal may carry besides its code: with 2030, when the meeting starts. */
export const refusalRet = z.strictObject({ startTime: z.number().int().optional() }).optional();

/** The envelope around every answer (API.md). */
export function envelopeSchema(ret: z.ZodType) {
  return z.strictObject({
    code: z.number().int().describe('200 = success, else an error code of the SPEC table'),
    msg: z.string(),
    requestId: z.string(),
    costTime: z.string().regex(/^\d+ms$/),
    ret: ret.optional(),
  });
}

export const roomObjectSchema = z.strictObject({
  roomId: z.string().optional().describe('create only'),
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  roomType: z.number().int(),
  definition: z.string(),
  numberLimit: z.number().int(),
  isPublic: z.boolean(),
  isHasPwd: z.boolean(),
  logo: z.string(),
  comment: z.string(),
  appointmentId: z.number().int().optional().describe('the meeting running in it'),
  appointmentName: z.string().optional(),
  hostLink: z.url().optional(),
  guestLink: z.url().optional(),
});

export const userObjectSchema = z.strictObject({
  userId: z.string(),
  name: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  personalMeetingId: z.string(),
  shortId: z.string().optional(),
  avatar: z.string().optional().describe("a portal user's picture (`/v1/sso/login`)"),
  job: z.string().optional(),
  level: z.string().optional(),
});

/** `GET /api/meetings/:id/waiting`: who waits for a host, oldest first. */
export const waitingPeopleSchema = z.array(z.strictObject({ identity: z.string(), name: z.string(), since: z.number().int().describe('epoch ms') }));

/** The events of `GET /api/join/wait`: `waiting` while queued, then one `admitted` or `refused`. */
export const waitingEventSchemas = {
  waiting: z.strictObject({ position: z.number().int().describe('1 = next') }),
  admitted: joinGrantSchema,
  refused: z.strictObject({ code: z.number().int(), msg: z.string() }),
};
