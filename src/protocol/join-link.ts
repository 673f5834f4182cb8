/** The join-link parameters a page reads from its URL (no zod here: the browser bundle reads it). */
export const JOIN_LINK_PARAMS = ['code', 'rd', 'name', 'v', 'a', 'role', 'lang', 'hk', 'exp', 'jc', 'uid'] as const;

/** What the page removes from its address bar once read: proofs must not linger in history, logs or screenshots. */
export const JOIN_LINK_SECRETS = ['hk', 'exp', 'jc', 'SID'] as const;
