import { ErrorCode, defaultMessages, httpStatusFor } from '../protocol/errors.js';

/** The one error type of the server; the error middleware maps it to the envelope. */
export class MeetingError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Facts a refusal carries for the page, sent as `ret` (e.g. `{startTime}` with 2030). */
  details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, status?: number) {
    super(message ?? defaultMessages[code] ?? `Error ${code}`);
    this.name = 'MeetingError';
    this.code = code;
    this.status = status ?? httpStatusFor(code);
  }
}
