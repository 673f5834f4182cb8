import { z } from 'zod';
import { displayName } from './join.js';
import { meetingUniqueIdSchema } from './meeting.js';

/** How many origins one tenant may let embed its meetings. */
export const EMBED_ORIGINS_MAX = 100;

/** A web origin, `http(s)://host[:port]` exactly as a browser sends it in `Origin` (no path, no slash). */
export const embedOriginSchema = z
  .string()
  .max(256)
  .refine((value) => {
    try {
      const url = new URL(value);
      const host = /^[a-z0-9.-]+$/.test(url.hostname) || /^\[[0-9a-f:.]+\]$/.test(url.hostname);
      return (url.protocol === 'https:' || url.protocol === 'http:') && host && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin is scheme://host[:port] in lower case, with no path or trailing slash (e.g. https://portal.example)');

export const embedOriginsSchema = z.array(embedOriginSchema).max(EMBED_ORIGINS_MAX).transform((origins) => [...new Set(origins)]);

/** `/v1/tenant/setEmbedOrigins`: the whole list, replacing the one before (`[]`: embedding on this server's own pages only). */
export const setEmbedOriginsSchema = z.strictObject({ embedOrigins: embedOriginsSchema });

/** `/v1/tenant/getSettings`. */
export const tenantSettingsSchema = z.strictObject({
  callbackUrl: z.string().describe('"" = no webhooks'),
  embedOrigins: z.array(z.string()).describe('origins whose pages may embed this tenant\'s meetings (CORS, frame-ancestors)'),
  logoUrl: z.string().describe('"" = no logo: the logo its meetings show'),
  accentColor: z.string().describe('"" = the theme\'s: #rrggbb, its meetings\' accent colour'),
});

/** The portal's own id of the user. */
const ssoAccount = z.string().trim().min(1).max(64).describe("the portal's own id of the user");
const avatarUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** API.md's `roleType` for a portal user: 1 member, 2 host. */
const ssoRoleType = z.union([z.literal(1), z.literal(2)]);

/**
 * `/v1/sso/sign` (SPEC M9, API.md): the portal names one of its users (API.md's `account`,
 * `userName`, `avatar`) and, for a join, one of its meetings (by `meetingUniqueId` or `meetingId`)
 * and whether they host (`roleType`). Without a meeting the sign is for `/v1/sso/login` (the
 * console). The answer's `sign` is short-lived and redeemed once.
 */
export const ssoSignSchema = z
  .strictObject({
    account: ssoAccount,
    userName: displayName.optional(),
    avatar: avatarUrl.optional(),
    roleType: ssoRoleType.default(1).describe('1 member, 2 host'),
    meetingUniqueId: meetingUniqueIdSchema.optional(),
    meetingId: z.string().regex(/^\d{9,10}$/).optional(),
  })
  .refine((q) => q.meetingUniqueId === undefined || q.meetingId === undefined, { message: 'give at most one of meetingUniqueId, meetingId', path: ['meetingUniqueId'] });

export const ssoSignRetSchema = z.strictObject({
  sign: z.string().describe('one-time: the join link\'s `sign` parameter, or `/v1/sso/login`\'s when no meeting was named'),
  expireTime: z.number().int().describe('ms; after it the sign answers 2122'),
  meetingId: z.string().optional().describe("the meeting's code, for the join link (none for a sign-in sign)"),
  joinUrl: z.url().optional().describe('ours: the join link for this user (open it at once; it works once); none for a sign-in sign'),
});

/** A portal's free-text profile field (API.md `job`, `level`). */
const profileText = z.string().trim().min(1).max(64).regex(/^[^<>\p{Cc}]+$/u, 'no < > or control characters');

/**
 * `/v1/sso/login` (API.md): a portal user signs in to the console with a sign-in sign (one from
 * `/v1/sso/sign` without a meeting) and the same `account`; the profile fields update their account.
 */
export const ssoLoginSchema = z.strictObject({
  sign: z.string().min(16).max(64),
  account: ssoAccount,
  userName: displayName.optional(),
  avatar: avatarUrl.optional(),
  job: profileText.optional(),
  level: profileText.optional(),
});
