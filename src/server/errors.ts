import { ErrorCode, defaultMessages, httpStatusFor } from '../protocol/errors.js';

/** The one error type of the server; the error middleware maps it to the envelope. */
export class MeetingError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message?: string, status?: number) {
    super(message ?? defaultMessages[code] ?? `Error ${code}`);
    this.name = 'MeetingError';
    this.code = code;
    this.status = status ?? httpStatusFor(code);
  }
}
