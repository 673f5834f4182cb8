/** Meeting status (API.md): 0 invalid, 1 not started, 2 in progress, 3 ended, 4 cancelled, 5 recycled. Zod-free: the browser reads it. */
export const MeetingStatus = {
  INVALID: 0,
  NOT_STARTED: 1,
  IN_PROGRESS: 2,
  ENDED: 3,
  CANCELLED: 4,
  RECYCLED: 5,
} as const;
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];
