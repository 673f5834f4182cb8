import { z } from 'zod';
import { DEFINITIONS } from './meeting.js';

/** Room ids: 12 lowercase letters and digits, as in `/join?rd=`. */
export const roomIdSchema = z.string().regex(/^[a-z0-9]{12}$/, 'roomId is 12 lowercase letters or digits');
const roomPassword = z.string().regex(/^[0-9A-Za-z]{1,16}$/, 'password is 1 to 16 letters or digits');
const accountRef = z.string().min(1).max(64);

const roomFields = {
  /** 1 audio, 2 video, 3 training. */
  roomType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  name: z.string().trim().min(1).max(30),
  desc: z.string().max(500).optional(),
  pictureuri: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  definition: z.enum(DEFINITIONS).optional(),
  numberLimit: z.number().int().min(2).max(1000).optional(),
  isPublic: z.boolean().optional(),
};

export const createRoomSchema = z.strictObject({ ...roomFields, ownerId: accountRef.optional(), password: roomPassword.optional() });
export const updateRoomSchema = z.strictObject({ roomId: roomIdSchema, ...z.object(roomFields).partial().shape });
export const roomRefSchema = z.strictObject({ roomId: roomIdSchema });
export const modifyPwdSchema = z.strictObject({ roomId: roomIdSchema, password: z.union([z.literal(''), roomPassword]) });
export const checkPwdSchema = z.strictObject({ roomId: roomIdSchema, password: z.string().max(64) });
export const memberSchema = z.strictObject({ roomId: roomIdSchema, userId: accountRef });
/** A signed-in person may leave `userId` out (themselves); the tenant's server names the user. */
export const mineSchema = z.strictObject({ userId: accountRef.optional() });
export const roomMeetingsSchema = z.strictObject({
  roomId: roomIdSchema,
  pageNo: z.number().int().min(0).max(1_000_000).default(0),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** The room object (API.md "Rooms and people"), plus our link fields. */
export interface RoomDto {
  id: string;
  name: string;
  ownerId: string | null;
  roomType: number;
  definition: string;
  numberLimit: number;
  isPublic: boolean;
  isHasPwd: boolean;
  logo: string;
  comment: string;
  appointmentId?: number;
  appointmentName?: string;
  hostLink?: string;
  guestLink?: string;
}
