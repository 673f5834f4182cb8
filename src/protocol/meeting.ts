import { z } from 'zod';

/** Meeting status (API.md): 0 invalid, 1 not started, 2 in progress, 3 ended, 4 cancelled, 5 recycled. */
export const MeetingStatus = {
  INVALID: 0,
  NOT_STARTED: 1,
  IN_PROGRESS: 2,
  ENDED: 3,
  CANCELLED: 4,
  RECYCLED: 5,
} as const;
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];

/** `type` of `/v2/meeting/create`: 1 instant random code, 2 instant personal code, 3 scheduled. */
export const MeetingKind = { INSTANT: 1, PERSONAL: 2, SCHEDULED: 3 } as const;
export type MeetingKind = (typeof MeetingKind)[keyof typeof MeetingKind];

export const SUBJECT_MAX = 30;

export const mediaControlSchema = z.strictObject({
  type: z.enum(['audio', 'video']),
  state: z.union([z.literal(0), z.literal(1)]).default(0),
  attendeeOff: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  allowSelfOn: z.boolean().default(true),
});

export const meetingSettingsSchema = z.looseObject({
  controls: z.array(mediaControlSchema).max(2).optional(),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

/** Request body of `/v2/meeting/create`. Only instant meetings (type 1) exist until the management API lands. */
export const createMeetingSchema = z.strictObject({
  host: z.string().min(1).max(64).optional(),
  owner: z.string().min(1).max(64).optional(),
  type: z.literal(MeetingKind.INSTANT),
  subject: z.string().trim().min(1).max(SUBJECT_MAX),
  password: z.string().max(32).optional(),
  settings: meetingSettingsSchema.optional(),
});
export type CreateMeetingRequest = z.infer<typeof createMeetingSchema>;

/** The meeting object of API.md plus our own link fields. */
export interface MeetingDto {
  meetingUniqueId: number;
  meetingId: string;
  shortId?: string;
  subject: string;
  startTime: number;
  endTime: number;
  password: string;
  settings: MeetingSettings;
  status: MeetingStatus;
  type: MeetingKind;
  hostLink?: string;
  guestLink?: string;
}

/** What a joining person may learn about the meeting (no password, no links). */
export interface PublicMeetingInfo {
  meetingUniqueId: number;
  meetingId: string;
  subject: string;
  status: MeetingStatus;
  startTime: number;
}
