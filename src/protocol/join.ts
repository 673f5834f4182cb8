import { z } from 'zod';
import { DISPLAY_NAME_MAX, DISPLAY_NAME_PATTERN } from './limits.js';
import { publicMeetingInfoSchema } from './meeting.js';
import { Role } from './roles.js';

/** A link's `role` parameter: names or the vendor's numbers (`1` host, `2` attendee, `3` audience). */
export const roleParam = z
  .union([z.enum(['host', 'attendee', 'audience', '1', '2', '3']), z.literal(1), z.literal(2), z.literal(3)])
  .transform((value): Role => {
    switch (String(value)) {
      case 'host':
      case '1':
        return Role.HOST;
      case 'audience':
      case '3':
        return Role.AUDIENCE;
      default:
        return Role.ATTENDEE;
    }
  });

/** Display names: letters, digits, CJK, spaces and a little punctuation; no control characters. */
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(DISPLAY_NAME_MAX)
  .regex(DISPLAY_NAME_PATTERN, 'name has characters that are not allowed (control characters, < or >)');

const onOff = z
  .union([z.enum(['0', '1']), z.literal(0), z.literal(1), z.boolean()])
  .transform((v) => v === true || v === 1 || v === '1');

/**
 * A join link's query parameters (SPEC J1, API.md "Join links"), as sent to `POST /api/join`.
 * `rd` joins a persistent room, `code` a meeting; `hk` is the signature of a host link.
 */
export const joinRequestSchema = z
  .strictObject({
    code: z.string().regex(/^\d{4,12}$/, 'code must be 4 to 12 digits').optional(),
    rd: z.string().min(1).max(64).optional(),
    name: displayName.optional(),
    v: onOff.optional(),
    a: onOff.optional(),
    /** Listen only (SPEC J4): the token lets them publish nothing until they ask to join with audio. */
    lo: onOff.optional(),
    role: roleParam.optional(),
    lang: z.string().max(16).optional(),
    hk: z.string().max(256).optional(),
    exp: z.union([z.string().regex(/^\d{1,15}$/), z.number().int().nonnegative()]).transform(Number).optional(),
    password: z.string().max(64).optional(),
    /**
     * A signed-in user's one-time join code (SPEC J1, from `/v1/user/joinCode`), and their user id
     * (informative only). A session itself never travels in a link: `SID` here is an unknown field.
     */
    jc: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'jc is a join code from /v1/user/joinCode').optional(),
    uid: z.string().max(64).optional(),
    /** A portal user's one-time sign from `/v1/sso/sign` (SPEC M9): who they are, for this meeting only. */
    sign: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'sign is a sign from /v1/sso/sign').optional(),
    /** A guest's own random key, kept by the browser: the same guest keeps one identity (SPEC H3, J6). */
    gk: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'gk is 16 to 64 letters, digits, - or _').optional(),
  })
  .refine((q) => q.code !== undefined || q.rd !== undefined, { message: 'code or rd is required', path: ['code'] })
  .refine((q) => q.sign === undefined || (q.jc === undefined && q.code !== undefined), { message: 'a sign joins the meeting it names by its code, without jc', path: ['sign'] });
export type JoinRequest = z.input<typeof joinRequestSchema>;
export type ParsedJoinRequest = z.output<typeof joinRequestSchema>;

/**
 * `POST /api/join` success. `roleDowngraded` tells the page that `role=host` came without proof.
 * With `waitingTicket` the person waits for a host (SPEC J5): `token` is empty, and the ticket
 * is all they hold until admitted (`GET /api/join/wait?ticket=` or `POST /api/join/ticket`).
 */
export const joinGrantSchema = z.strictObject({
  serverUrl: z.string(),
  token: z.string(),
  waitingTicket: z.string().optional(),
  identity: z.string(),
  name: z.string(),
  role: z.enum(Role),
  roleDowngraded: z.boolean(),
  meeting: publicMeetingInfoSchema,
  /** After a join with `jc`: a fresh one-time code for the page's next join (kept in memory, never in a URL). */
  joinCode: z.string().optional(),
  /** After a join with `sign`: a fresh one-time sign for the page's next join, likewise. */
  sign: z.string().optional(),
});
export type JoinGrant = z.output<typeof joinGrantSchema>;

export { JOIN_LINK_PARAMS } from './join-link.js';
