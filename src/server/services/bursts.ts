import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';

/**
 * At most `points` takes per key within `seconds`; past that, `take` throws the typed 510 with
 * `message`. Per server process, as the chat's limit: a person's burst is short-lived state.
 */
export function burstLimit(points: number, seconds: number, message: string): (key: string) => Promise<void> {
  const limiter = new RateLimiterMemory({ points, duration: seconds });
  return async (key) => {
    try {
      await limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, message);
      throw err;
    }
  };
}
