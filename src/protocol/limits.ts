/** Length limits shared by the browser and the server (no zod here: the browser bundle reads it). */
export const SUBJECT_MAX = 30;
export const DISPLAY_NAME_MAX = 32;
