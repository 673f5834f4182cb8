/**
 * Stable error codes (SPEC "Error codes"). The numbers are part of the product: API clients and
 * `meeting-error` listeners match on them, so never renumber or reuse one.
 */
export const ErrorCode = {
  OK: 200,
  INVALID_PARAMETER: 300,
  MISSING_PARAMETER: 301,
  BAD_HEADER: 302,
  BAD_CHARSET: 303,
  AUTH_FAILED: 401,
  SERVICE_NOT_ENABLED: 402,
  INTERNAL: 501,
  TOO_MANY_REQUESTS: 510,
  BUSY: 512,
  ACCOUNT_NOT_FOUND: 1014,
  ACCOUNT_EXISTS: 1019,
  MEETING_NOT_FOUND: 2000,
  MEETING_FULL: 2001,
  MEETING_IN_PROGRESS: 2002,
  BAD_NICKNAME: 2003,
  BAD_VIDEO_STATE: 2004,
  BAD_AUDIO_STATE: 2005,
  NO_MEETING_CODE: 2007,
  SHARE_LIMIT: 2009,
  MEETING_LOCKED: 2010,
  MEETING_ID_TAKEN: 2011,
  WRONG_PASSWORD: 2014,
  SAME_ACCOUNT_JOINED: 2015,
  BAD_SUBJECT: 2017,
  PASSWORD_REQUIRED: 2018,
  MEETING_ENDED: 2021,
  PERSONAL_ID_NOT_SET: 2022,
  BAD_MEETING_TYPE: 2023,
  MEETING_EXISTS: 2024,
  MEETING_NOT_MODIFIABLE: 2025,
  NOT_STARTED: 2030,
  NOT_HOST: 2100,
  MEMBER_NOT_IN_MEETING: 2101,
  TURNED_OFF_BY_HOST: 2103,
  CONNECTION_UNSTABLE: 2104,
  NO_PERMISSION: 2105,
  REMOVED: 2106,
  WAITING_FOR_HOST: 2107,
  REJECTED_BY_HOST: 2108,
  NONCE_REUSED: 2109,
  TIME_OUT_OF_WINDOW: 2110,
  /** Embedding (issue 11): the page's origin is not one the meeting's tenant allows. */
  ORIGIN_NOT_ALLOWED: 2120,
  /** Portal sign-on (SPEC M9): the sign was redeemed already, has expired, or is for another meeting. */
  SIGN_USED: 2121,
  SIGN_EXPIRED: 2122,
  SIGN_MISMATCH: 2123,
  BAD_CLIENT_TYPE: 3001,
  NOT_SUPPORTED: 3003,
  CONCURRENCY_LIMIT: 4001,
  /** Client-side only: camera/mic/network problems seen by the browser, never sent by the server. */
  DEVICE_ERROR: 3100,
  CONNECTION_FAILED: 3101,
  /** Client-side only: the meeting frame did not answer a command of the iframe helper in time, or was removed. */
  FRAME_TIMEOUT: 3102,
  /** Client-side only: this browser cannot take part in a video meeting (no WebRTC, or no camera/microphone access). */
  BROWSER_UNSUPPORTED: 3103,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status that goes with each code (SPEC M: 400/401/403/404/409/429/500). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.OK:
      return 200;
    case ErrorCode.AUTH_FAILED:
    case ErrorCode.NONCE_REUSED:
    case ErrorCode.TIME_OUT_OF_WINDOW:
    case ErrorCode.SIGN_USED:
    case ErrorCode.SIGN_EXPIRED:
      return 401;
    case ErrorCode.NOT_HOST:
    case ErrorCode.NO_PERMISSION:
    case ErrorCode.REMOVED:
    case ErrorCode.REJECTED_BY_HOST:
    case ErrorCode.SERVICE_NOT_ENABLED:
    case ErrorCode.WRONG_PASSWORD:
    case ErrorCode.PASSWORD_REQUIRED:
    case ErrorCode.MEETING_LOCKED:
    case ErrorCode.TURNED_OFF_BY_HOST:
    case ErrorCode.ORIGIN_NOT_ALLOWED:
    case ErrorCode.SIGN_MISMATCH:
      return 403;
    case ErrorCode.MEETING_NOT_FOUND:
    case ErrorCode.ACCOUNT_NOT_FOUND:
    case ErrorCode.MEMBER_NOT_IN_MEETING:
      return 404;
    case ErrorCode.ACCOUNT_EXISTS:
    case ErrorCode.MEETING_IN_PROGRESS:
    case ErrorCode.MEETING_ID_TAKEN:
    case ErrorCode.MEETING_EXISTS:
    case ErrorCode.MEETING_NOT_MODIFIABLE:
    case ErrorCode.MEETING_ENDED:
    case ErrorCode.MEETING_FULL:
    case ErrorCode.NOT_STARTED:
    case ErrorCode.SAME_ACCOUNT_JOINED:
    case ErrorCode.WAITING_FOR_HOST:
      return 409;
    case ErrorCode.TOO_MANY_REQUESTS:
    case ErrorCode.CONCURRENCY_LIMIT:
    case ErrorCode.BUSY:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
    default:
      return 400;
  }
}

/** English default messages; callers may give a more precise one. */
export const defaultMessages: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.INVALID_PARAMETER]: 'Invalid parameter',
  [ErrorCode.MISSING_PARAMETER]: 'Missing parameter',
  [ErrorCode.BAD_HEADER]: 'Bad or missing header',
  [ErrorCode.BAD_CHARSET]: 'Request body must be UTF-8 JSON',
  [ErrorCode.AUTH_FAILED]: 'Authentication failed',
  [ErrorCode.NOT_SUPPORTED]: 'Not supported',
  [ErrorCode.INTERNAL]: 'Internal error',
  [ErrorCode.MEETING_NOT_FOUND]: 'Meeting not found',
  [ErrorCode.MEETING_FULL]: 'The meeting is full',
  [ErrorCode.MEETING_LOCKED]: 'The meeting is locked',
  [ErrorCode.MEETING_ENDED]: 'The meeting has ended',
  [ErrorCode.NOT_STARTED]: 'The meeting has not started yet',
  [ErrorCode.BAD_NICKNAME]: 'Bad nickname',
  [ErrorCode.BAD_SUBJECT]: 'Bad subject',
  [ErrorCode.BAD_MEETING_TYPE]: 'Bad meeting type',
  [ErrorCode.NONCE_REUSED]: 'Nonce already used',
  [ErrorCode.TIME_OUT_OF_WINDOW]: 'CurTime is outside the allowed window',
  [ErrorCode.ORIGIN_NOT_ALLOWED]: 'This website may not embed the meeting',
  [ErrorCode.SIGN_USED]: 'This sign-on link was used already',
  [ErrorCode.SIGN_EXPIRED]: 'This sign-on link has expired',
  [ErrorCode.SIGN_MISMATCH]: 'This sign-on link is for another meeting',
  [ErrorCode.DEVICE_ERROR]: 'Camera or microphone problem',
  [ErrorCode.CONNECTION_FAILED]: 'Could not connect to the meeting',
  [ErrorCode.FRAME_TIMEOUT]: 'The meeting frame did not answer',
};

/** The body of every error answer and of `meeting-error` events. */
export interface ErrorInfo {
  code: ErrorCode;
  msg: string;
  /** With 2030: when the meeting starts (ms). */
  startTime?: number;
  /** With 2021: the meeting was cancelled before it was held, rather than ended. */
  cancelled?: boolean;
}
