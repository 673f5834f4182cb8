import { z } from 'zod';
import { meetingBrandingSchema } from './branding.js';
import { SUBJECT_MAX } from './limits.js';

import { MeetingStatus } from './meeting-status.js';

export { MeetingStatus };

/** `type` of `/v2/meeting/create`: 1 instant random code, 2 instant personal code, 3 scheduled. */
export const MeetingKind = { INSTANT: 1, PERSONAL: 2, SCHEDULED: 3 } as const;
export type MeetingKind = (typeof MeetingKind)[keyof typeof MeetingKind];

export { SUBJECT_MAX };

export const mediaControlSchema = z.strictObject({
  type: z.enum(['audio', 'video']),
  /** 1 = everyone off now. */
  state: z.union([z.literal(0), z.literal(1)]).default(0),
  /** 0 none, 1 off on join, 2 off on join and may not turn on. */
  attendeeOff: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  allowSelfOn: z.boolean().default(true),
});

export const roleCapSchema = z.strictObject({
  /** 1 member, 2 host. */
  roleType: z.union([z.literal(1), z.literal(2)]),
  maxCount: z.number().int().min(0).max(10_000),
});

export const meetingSettingsSchema = z.strictObject({
  controls: z
    .array(mediaControlSchema)
    .max(2)
    .refine((c) => new Set(c.map((x) => x.type)).size === c.length, 'one control per type')
    .optional(),
  scene: z.strictObject({ roleTypes: z.array(roleCapSchema).max(2) }).optional(),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

export const DEFINITIONS = ['1080p', '720p', '480p', '240p'] as const;

/** Our own meeting fields (SPEC M1), alongside the vendor's, never renaming them. */
export const meetingExtrasSchema = z.strictObject({
  /** 1 audio, 2 video, 3 training (SPEC preamble). */
  meetingType: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  definition: z.enum(DEFINITIONS).default('480p'),
  numberLimit: z.number().int().min(2).max(1000).default(200),
  isPublic: z.boolean().default(true),
  waitingRoom: z.boolean().default(false),
  invitees: z
    .array(z.strictObject({ accountId: z.string().min(1).max(64), role: z.enum(['host', 'attendee', 'audience']).default('attendee') }))
    .max(500)
    .default([]),
  topics: z.array(z.strictObject({ title: z.string().trim().min(1).max(64), content: z.string().max(2000).default('') })).max(50).default([]),
});
export type MeetingExtras = z.output<typeof meetingExtrasSchema>;

const time = z.number().int().min(0).max(8_640_000_000_000_000);
const password = z.string().regex(/^[0-9A-Za-z]{0,16}$/, 'password is up to 16 letters or digits');

/** Request body of `/v2/meeting/create` (API.md) plus our own fields. */
export const createMeetingSchema = z
  .strictObject({
    host: z.string().min(1).max(64).optional(),
    owner: z.string().min(1).max(64).optional(),
    type: z.union([z.literal(MeetingKind.INSTANT), z.literal(MeetingKind.PERSONAL), z.literal(MeetingKind.SCHEDULED)]),
    subject: z.string().trim().min(1).max(SUBJECT_MAX),
    password: password.optional(),
    /** Ours: let the server choose a password (10 letters and digits). */
    generatePassword: z.boolean().optional(),
    settings: meetingSettingsSchema.optional(),
    startTime: time.optional(),
    endTime: z.union([time, z.literal(-1)]).optional(),
    ...meetingExtrasSchema.partial().shape,
  })
  .refine((m) => m.type !== MeetingKind.SCHEDULED || m.startTime !== undefined, { message: 'startTime is required for type 3', path: ['startTime'] })
  .refine((m) => m.type !== MeetingKind.SCHEDULED || (m.endTime !== undefined && m.endTime !== -1), { message: 'endTime is required for type 3', path: ['endTime'] })
  .refine((m) => m.endTime === undefined || m.endTime === -1 || m.startTime === undefined || m.endTime > m.startTime, {
    message: 'endTime must be after startTime',
    path: ['endTime'],
  });
export type CreateMeetingRequest = z.output<typeof createMeetingSchema>;

/** API.md's `meetingUniqueId` is a Long: any positive integer a JSON number holds exactly is a valid id. */
export const meetingUniqueIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const uniqueId = meetingUniqueIdSchema;

/** `/v2/meeting/get`: by meetingUniqueId (API.md), or by code or short id (ours, SPEC M2). */
export const getMeetingSchema = z
  .strictObject({ meetingUniqueId: uniqueId.optional(), meetingId: z.string().regex(/^\d{9,10}$/).optional(), shortId: z.string().regex(/^\d{4,8}$/).optional() })
  .refine((q) => [q.meetingUniqueId, q.meetingId, q.shortId].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of meetingUniqueId, meetingId, shortId',
    path: ['meetingUniqueId'],
  });

export const listMeetingsSchema = z.strictObject({
  meetingUniqueId: uniqueId.optional(),
  meetingId: z.string().regex(/^\d{9,10}$/).optional(),
  minStartTime: time.optional(),
  maxStartTime: time.optional(),
  statusList: z.array(z.number().int().min(0).max(5)).max(6).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  pageIndex: z.number().int().min(0).max(1_000_000).default(0),
  pageSize: z.number().int().min(1).max(100).default(20),
});

type Undefaulted<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T> ? T : S[K]> };

/** The fields optional and without their defaults: what a request leaves out stays as stored. */
function withoutDefaults<S extends z.ZodRawShape>(shape: S): Undefaulted<S> {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()])) as unknown as Undefaulted<S>;
}

export const editMeetingSchema = z.strictObject({
  meetingUniqueId: uniqueId,
  subject: z.string().trim().min(1).max(SUBJECT_MAX),
  startTime: time.optional(),
  endTime: z.union([time, z.literal(-1)]).optional(),
  password: password.optional(),
  settings: meetingSettingsSchema.optional(),
  // An edit of the subject alone must not reset the waiting room, capacity, invitees … to their defaults.
  ...withoutDefaults(meetingExtrasSchema.shape),
});
export type EditMeetingRequest = z.output<typeof editMeetingSchema>;

export const cancelMeetingSchema = z.strictObject({ meetingUniqueId: uniqueId });
/** `/v2/meeting/rotateHostKey`: a new host link; the ones handed out before stop working. */
export const rotateHostKeySchema = z.strictObject({ meetingUniqueId: uniqueId });
export const deleteByUniqueIdSchema = z.strictObject({ meetingUniqueId: uniqueId, recycle: z.boolean().optional() });
export const deleteByMeetingIdSchema = z.strictObject({ meetingId: z.string().regex(/^\d{9,10}$/), recycle: z.boolean().optional() });
export const deleteByShortIdSchema = z.strictObject({ shortId: z.string().regex(/^\d{4,8}$/), recycle: z.boolean().optional() });

/** The meeting object of API.md plus our own link fields. */
export const meetingDtoSchema = z.strictObject({
  meetingUniqueId: z.number().int(),
  meetingId: z.string().regex(/^\d{9,10}$/),
  shortId: z.string().optional(),
  subject: z.string(),
  startTime: z.number().int(),
  endTime: z.number().int().describe('-1 = no end'),
  password: z.string().describe('"" = none'),
  settings: meetingSettingsSchema,
  status: z.enum(MeetingStatus).describe('0 invalid, 1 not started, 2 in progress, 3 ended, 4 cancelled, 5 recycled'),
  type: z.enum(MeetingKind).describe('1 instant, 2 personal, 3 scheduled'),
  hostLink: z.url().optional().describe('ours: the signed host link'),
  guestLink: z.url().optional().describe('ours: the link for everyone else'),
  ...meetingExtrasSchema.shape,
});
export type MeetingDto = z.output<typeof meetingDtoSchema>;

/** What a joining person may learn about the meeting (no password, no links). */
export const publicMeetingInfoSchema = z.strictObject({
  meetingUniqueId: z.number(),
  meetingId: z.string(),
  subject: z.string(),
  status: z.enum(MeetingStatus),
  startTime: z.number(),
  /** The tenant's logo and accent (a persistent room's own logo first); a page joined by a bare token has none. */
  branding: meetingBrandingSchema.optional(),
});
export type PublicMeetingInfo = z.output<typeof publicMeetingInfoSchema>;
