import { z } from 'zod';

const onOff = z.union([z.literal(1), z.literal(2)]);

/** API.md `/v1/meeting/anonymousJoinInfo`'s `clientType` header: 1 TV, 2 iOS, 3 Android, 4 PC, 5 Mac, 6 web, 7 SIP, 8 Linux. */
export const clientTypeSchema = z.coerce.number().int().min(1).max(8);
export const deviceIdSchema = z.string().trim().min(1).max(128);

/** The vendor API's anonymous join (API.md); its refusals are those of `/api/join`. */
export const anonymousJoinSchema = z.strictObject({
  meetingId: z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^\d{4,12}$/, 'meetingId is the meeting code')),
  nickName: z.string().regex(/^[\p{L}\p{N}]{1,10}$/u, 'nickName is 1 to 10 letters (CJK too) or digits'),
  video: onOff.describe('1 on, 2 off'),
  audio: onOff.describe('1 on, 2 off'),
  password: z.string().max(64).optional(),
  roleType: z.union([z.literal(1), z.literal(4)]).optional().describe('1 member, 4 observer'),
});

export const anonymousJoinRetSchema = z.strictObject({
  accountId: z.string().describe('the anonymous person: their identity in the meeting'),
  serverUrl: z.string(),
  token: z.string().describe('"" while waiting for a host (then `waitingTicket`)'),
  roomName: z.string(),
  identity: z.string(),
  meetingId: z.string(),
  shortId: z.string().optional(),
  meetingUniqueId: z.number().int(),
  createTime: z.number().int().describe('s'),
  duration: z.number().int().describe('s the meeting has been in progress (0 before it starts)'),
  audioAllMute: z.union([z.literal(0), z.literal(1)]),
  waitingTicket: z.string().optional().describe('ours: as from POST /api/join, with the waiting room on'),
});
export type AnonymousJoinRet = z.output<typeof anonymousJoinRetSchema>;
