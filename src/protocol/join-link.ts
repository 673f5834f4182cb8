/** The join-link parameters a page reads from its URL (no zod here: the browser bundle reads it). */
export const JOIN_LINK_PARAMS = ['code', 'rd', 'name', 'v', 'a', 'lo', 'role', 'lang', 'hk', 'exp', 'jc', 'uid', 'sign'] as const;

/** What the page removes from its address bar once read: proofs must not linger in history, logs or screenshots. */
export const JOIN_LINK_SECRETS = ['hk', 'exp', 'jc', 'SID', 'sign'] as const;
