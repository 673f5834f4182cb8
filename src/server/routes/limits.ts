const KB = 1024;

/** The largest JSON bodies accepted, in bytes (beyond them: 413), by kind of caller. */
export const MANAGEMENT_BODY_LIMIT = 256 * KB;
/** A tenant import carries a whole export. */
export const IMPORT_BODY_LIMIT = 16 * KB * KB;
export const JOIN_BODY_LIMIT = 16 * KB;
export const MEETING_BODY_LIMIT = 8 * KB;
/** A chat message: 10 000 characters, up to 4 bytes each in UTF-8, and JSON's escapes. */
export const CHAT_BODY_LIMIT = 64 * KB;
