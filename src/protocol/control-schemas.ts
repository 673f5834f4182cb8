import { z } from 'zod';
import { SUBJECT_MAX } from './meeting.js';
import { displayName } from './join.js';
import type { ControlAction, SelfAction } from './control.js';

const target = z.string().min(1).max(128);

/** The body of `POST /api/meetings/:id/control` (server side; the browser only sends it). */
export const controlActionSchema: z.ZodType<ControlAction> = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['mute', 'askUnmute', 'cameraOff', 'askCameraOn', 'remove', 'transferHost', 'lowerHand', 'stopShare', 'admit', 'reject']), target }),
  z.strictObject({ action: z.enum(['muteAll', 'camerasOffAll']), allowSelfOn: z.boolean() }),
  z.strictObject({ action: z.enum(['liftMuteAll', 'liftCamerasOff', 'claimHost', 'lowerAllHands', 'admitAll', 'end']) }),
  z.strictObject({ action: z.literal('lock'), locked: z.boolean() }),
  z.strictObject({ action: z.literal('setRole'), target, role: z.enum(['cohost', 'attendee', 'speaker', 'audience']) }),
  z.strictObject({ action: z.literal('spotlight'), target: target.nullable() }),
  z.strictObject({ action: z.literal('sharePolicy'), policy: z.enum(['everyone', 'hosts', 'ask']) }),
  z.strictObject({ action: z.literal('approveShare'), target, approve: z.boolean() }),
  z.strictObject({ action: z.literal('stageCap'), cap: z.number().int().min(0).max(1000) }),
  z.strictObject({ action: z.literal('waitingRoom'), on: z.boolean() }),
  z.strictObject({ action: z.literal('renameMeeting'), subject: z.string().trim().min(1).max(SUBJECT_MAX) }),
  z.strictObject({ action: z.literal('renamePerson'), target, name: displayName }),
]);

export const selfActionSchema: z.ZodType<SelfAction> = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('rename'), name: displayName }),
  z.strictObject({ action: z.literal('requestShare'), on: z.boolean() }),
]);

export const handSchema = z.strictObject({ raised: z.boolean() });

export const ticketSchema = z.strictObject({ ticket: z.string().min(16).max(128) });

export const controlResultSchema = z.strictObject({ rev: z.number().int() });

export const waitingListSchema = z.array(z.strictObject({ identity: z.string(), name: z.string(), since: z.number() }));
