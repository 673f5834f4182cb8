/** The join-link parameters a page reads from its URL (no zod here: the browser bundle reads it). */
export const JOIN_LINK_PARAMS = ['code', 'rd', 'name', 'v', 'a', 'role', 'lang', 'hk', 'exp', 'SID', 'uid'] as const;
