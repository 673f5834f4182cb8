/** The largest JSON bodies accepted (beyond them: 413), by kind of caller. */
export const MANAGEMENT_BODY_LIMIT = '256kb';
/** A tenant import carries a whole export. */
export const IMPORT_BODY_LIMIT = '16mb';
export const JOIN_BODY_LIMIT = '16kb';
export const MEETING_BODY_LIMIT = '8kb';
