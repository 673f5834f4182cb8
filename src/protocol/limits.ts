/** Length limits shared by the browser and the server (no zod here: the browser bundle reads it). */
export const SUBJECT_MAX = 30;
export const DISPLAY_NAME_MAX = 32;
/**
 * What a display name may hold: no control or format characters (bidi overrides, NUL …) and no < >,
 * except the zero-width joiners that emoji sequences (👩‍💻) and some scripts need.
 */
export const DISPLAY_NAME_PATTERN = /^(?=.*[^\u200c\u200d])(?:[^\p{C}<>]|\u200c|\u200d)+$/u;
