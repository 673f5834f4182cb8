/** Length limits shared by the browser and the server (no zod here: the browser bundle reads it). */
export const SUBJECT_MAX = 30;
export const DISPLAY_NAME_MAX = 32;
/**
 * What a display name may hold: at least one letter, digit or symbol; no control or format
 * characters (bidi overrides, NUL …), line breaks, blank fillers or < >; a zero-width joiner only
 * inside an emoji sequence (👩‍💻) and a non-joiner only between letters (Persian): never a name that
 * looks like another's, or like nothing.
 */
export const DISPLAY_NAME_PATTERN =
  /^(?=.*[\p{L}\p{N}\p{S}])(?:[^\p{C}\p{Zl}\p{Zp}<>\u115F\u1160\u3164\uFFA0\u2800]|(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})|(?<=[\p{L}\p{M}])\u200C(?=[\p{L}\p{M}]))+$/u;
