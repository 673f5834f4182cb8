/** Roles in a meeting (SPEC preamble). Observer is server-only and never comes from a link. */
export const Role = {
  HOST: 'host',
  ATTENDEE: 'attendee',
  AUDIENCE: 'audience',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The participant attribute key that carries a person's role (written only by the server). */
export const ROLE_ATTRIBUTE = 'meeting.role';
