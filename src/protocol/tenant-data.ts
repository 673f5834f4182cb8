import { z } from 'zod';
import { meetingExtrasSchema, meetingSettingsSchema } from './meeting.js';
import { recordingFileSchema } from './recordings.js';

/** One tenant's data as a single JSON document (SPEC M13), for backup and for moving deployments. */
export const TENANT_EXPORT_FORMAT = 'meeting-room-tenant-export';

const time = z.number().int().min(0);
const exportedAccount = z.strictObject({
  accountId: z.string().regex(/^[0-9a-f]{16}$/),
  imAccid: z.string().min(1).max(64).nullable(),
  accountToken: z.string().min(1).max(128),
  personalMeetingId: z.string().regex(/^\d{10}$/),
  shortId: z.string().regex(/^\d{4,8}$/).nullable(),
  createdAt: time,
});
const exportedRoom = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{12}$/),
  ownerId: z.string().max(64).nullable(),
  roomType: z.number().int().min(1).max(3),
  name: z.string().trim().min(1).max(30),
  desc: z.string().max(500),
  pictureuri: z.string().max(2048),
  definition: z.enum(['1080p', '720p', '480p', '240p']),
  numberLimit: z.number().int().min(2).max(1000),
  isPublic: z.boolean(),
  /** As a room's own: letters and digits ("" = none); anything else would break its joins. */
  password: z.string().regex(/^[0-9A-Za-z]{0,16}$/),
  members: z.array(z.string().min(1).max(64)).max(1_000),
  createdAt: time,
});
const exportedMeeting = z.strictObject({
  meetingUniqueId: z.number().int().positive(),
  meetingId: z.string().regex(/^\d{9,10}$/),
  shortId: z.string().regex(/^\d{4,8}$/).nullable(),
  type: z.number().int().min(1).max(3),
  subject: z.string().trim().min(1).max(30),
  password: z.string().regex(/^[0-9A-Za-z]{0,16}$/),
  status: z.number().int().min(0).max(5),
  settings: meetingSettingsSchema,
  extras: meetingExtrasSchema.partial(),
  host: z.string().max(64).nullable(),
  roomId: z.string().max(64).nullable(),
  startTime: time,
  endTime: time.nullable(),
  roomStartedAt: time.nullable(),
  endedAt: time.nullable(),
  endReason: z.number().int().min(1).max(4).nullable(),
  createdAt: time,
});

/** Sane limits for one document (issue 10 item 13): a bigger tenant moves in several imports. */
export const IMPORT_LIMITS = { accounts: 10_000, rooms: 5_000, members: 50_000, meetings: 20_000, recordings: 50_000 } as const;

export const tenantExportSchema = z
  .strictObject({
    format: z.literal(TENANT_EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: time,
    accounts: z.array(exportedAccount).max(IMPORT_LIMITS.accounts),
    rooms: z.array(exportedRoom).max(IMPORT_LIMITS.rooms),
    meetings: z.array(exportedMeeting).max(IMPORT_LIMITS.meetings),
    /** Recording metadata (SPEC M11), by the exported meetingUniqueId. */
    recordings: z.array(recordingFileSchema.extend({ meetingUniqueId: z.number().int().positive() })).max(IMPORT_LIMITS.recordings),
  })
  .refine((doc) => doc.rooms.reduce((n, r) => n + r.members.length, 0) <= IMPORT_LIMITS.members, { message: `at most ${IMPORT_LIMITS.members} room members in all`, path: ['rooms'] });
export type TenantExport = z.infer<typeof tenantExportSchema>;

export const importSchema = z.strictObject({ document: tenantExportSchema });
