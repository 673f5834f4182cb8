/**
 * Roles in a meeting (SPEC preamble). One host at most; any number of co-hosts. A speaker is an
 * audience member promoted to the stage (SPEC H9). Observer is server-only and never comes from a link.
 */
export const Role = {
  HOST: 'host',
  COHOST: 'cohost',
  SPEAKER: 'speaker',
  ATTENDEE: 'attendee',
  AUDIENCE: 'audience',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

/** Host and co-host may moderate; only the host changes who hosts and ends the meeting for all. */
export function isModerator(role: Role): boolean {
  return role === Role.HOST || role === Role.COHOST;
}

/** Reads a role written by the server; anything unknown reads as attendee. */
export function parseRole(value: string | undefined): Role {
  return ROLES.includes(value as Role) ? (value as Role) : Role.ATTENDEE;
}
