import { z } from 'zod';

/** Sign-in names: 3–64 letters, digits, and . _ @ - (an e-mail address fits). */
export const loginName = z.string().trim().regex(/^[\p{L}\p{N}._@-]{3,64}$/u, 'name is 3 to 64 letters, digits or . _ @ -');
/** Passwords: 8–128 characters. */
export const passwordField = z.string().min(8, 'password is at least 8 characters').max(128);
/** As accountId: an id that names nobody answers 1014. */
const userId = z.string().trim().min(1).max(64);

export const loginSchema = z.strictObject({ name: loginName, password: z.string().min(1).max(128) });
export const modifyPasswordSchema = z.strictObject({ userId, oldpassword: z.string().min(1).max(128), password: passwordField });
export const resetPasswordSchema = z.strictObject({ userId, password: passwordField.optional() });
export const addUserSchema = z.strictObject({
  name: loginName,
  password: passwordField,
  displayName: z.string().trim().min(1).max(32).optional(),
  isAdmin: z.boolean().default(false),
  shortId: z.string().regex(/^\d{4,8}$/).optional(),
});
export const modifyUserSchema = z.strictObject({ userId, displayName: z.string().trim().min(1).max(32).optional(), isAdmin: z.boolean().optional() });
export const deleteUserSchema = z.strictObject({ userId });
export const searchUsersSchema = z.strictObject({
  keyword: z.string().max(64).optional(),
  pageNo: z.number().int().min(0).max(1_000_000).default(0),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export interface UserDto {
  userId: string;
  name: string;
  displayName: string;
  isAdmin: boolean;
  personalMeetingId: string;
  shortId?: string;
  /** A portal user's profile (`/v1/sso/login`). */
  avatar?: string;
  job?: string;
  level?: string;
}
