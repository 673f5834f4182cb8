/** The largest JSON bodies accepted (beyond them: 413), by kind of caller. */
export const MANAGEMENT_BODY_LIMIT = '256kb';
/** A tenant import carries a whole export. */
export const IMPORT_BODY_LIMIT = '16mb';
export const JOIN_BODY_LIMIT = '16kb';
export const MEETING_BODY_LIMIT = '8kb';
/** A chat message: 10 000 characters, up to 4 bytes each in UTF-8, and JSON's escapes. */
export const CHAT_BODY_LIMIT = '64kb';
