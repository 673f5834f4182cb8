import { z } from 'zod';

/** A personal short id: 4 to 8 digits (SPEC M7). */
export const shortIdSchema = z.string().regex(/^\d{4,8}$/, 'shortId must be 4 to 8 digits');

const externalId = z.string().trim().min(1).max(64);
const accountToken = z.string().min(8).max(128);
/** Any id is looked up: one that names no account of the tenant answers 1014, not a format error. */
export const accountIdSchema = z.string().trim().min(1).max(64);

export const createAccountSchema = z.strictObject({
  imAccid: externalId.optional(),
  imToken: accountToken.optional(),
  shortId: shortIdSchema.optional(),
});
export const getByImAccidSchema = z.strictObject({ imAccid: externalId });
export const getByAccountIdSchema = z.strictObject({ accountId: accountIdSchema });
export const updateTokenSchema = z.strictObject({ accountId: accountIdSchema, accountToken });
export const updateShortIdSchema = z.strictObject({ accountId: accountIdSchema, shortId: shortIdSchema.optional() });

/** `ret` of the account calls (API.md). */
export interface AccountDto {
  accountId: string;
  accountToken: string;
  personalMeetingId: string;
  shortId?: string;
  imAccid?: string;
}
