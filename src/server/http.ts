import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ErrorCode, defaultMessages } from '../protocol/errors.js';
import type { Envelope } from '../protocol/envelope.js';
import { MeetingError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
    startedAt: bigint;
    log: Logger;
  }
}

/** Gives every request an id (echoed as `X-Request-Id`), a child logger, and logs its outcome. */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.locals.startedAt = process.hrtime.bigint();
    res.locals.log = log.child({ requestId });
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      res.locals.log.info({ method: req.method, url: req.originalUrl.split('?')[0], status: res.statusCode, ms: costMs(res) }, 'request');
    });
    next();
  };
}

function costMs(res: Response): number {
  return Number((process.hrtime.bigint() - res.locals.startedAt) / 1_000_000n);
}

function envelope<T>(res: Response, code: ErrorCode, msg: string, ret?: T): Envelope<T> {
  return { code, msg, requestId: res.locals.requestId, costTime: `${costMs(res)}ms`, ...(ret === undefined ? {} : { ret }) };
}

export function sendOk<T>(res: Response, ret?: T): void {
  res.status(200).json(envelope(res, ErrorCode.OK, 'success', ret));
}

/**
 * Parses a request body with a zod schema; a missing field is 301, anything else wrong is 300, or
 * the code `fieldCodes` names for that field (e.g. 2017 for a bad subject).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, fieldCodes: Partial<Record<string, ErrorCode>> = {}): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'body';
  const missing = issue.path.length > 0 && issue.code !== 'unrecognized_keys' && valueAt(body, issue.path) === undefined;
  if (missing) throw new MeetingError(ErrorCode.MISSING_PARAMETER, `Missing parameter: ${where}`);
  const detail = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
  const code = fieldCodes[String(issue.path[0])] ?? ErrorCode.INVALID_PARAMETER;
  throw new MeetingError(code, `Invalid parameter ${where}: ${detail}`);
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** POST bodies must be JSON in UTF-8 (API.md: `application/json;charset=utf-8`). */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.method !== 'POST') return next();
  const type = req.headers['content-type'];
  if (!type || !/^application\/json\b/i.test(type)) {
    return next(new MeetingError(ErrorCode.BAD_HEADER, 'Content-Type must be application/json;charset=utf-8'));
  }
  const charset = /charset=([^;\s]+)/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset.replace(/"/g, ''))) {
    return next(new MeetingError(ErrorCode.BAD_CHARSET, 'The body must be UTF-8'));
  }
  next();
};

/** PostgreSQL text cannot hold U+0000, so a JSON body with one anywhere is refused at the edge. */
export const refuseNulStrings: RequestHandler = (req, _res, next) => {
  next(hasNul(req.body, 0) ? new MeetingError(ErrorCode.INVALID_PARAMETER, 'Strings may not contain the NUL character') : undefined);
};

export function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** Wraps an async handler so that its rejection reaches the error middleware. */
export function handle(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch(next);
  };
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new MeetingError(ErrorCode.NOT_SUPPORTED, `No route ${req.method} ${req.path}`, 404));
};

/** The one error middleware: every failure becomes the envelope with a stable code, never a stack. */
export function errorMiddleware(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  let error: MeetingError;
  if (err instanceof MeetingError) {
    error = err;
  } else if (isBodyParserError(err)) {
    error =
      err.type === 'entity.too.large'
        ? new MeetingError(ErrorCode.INVALID_PARAMETER, 'The body is too large', 413)
        : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
          ? new MeetingError(ErrorCode.BAD_CHARSET, 'The body must be UTF-8')
          : new MeetingError(ErrorCode.INVALID_PARAMETER, 'The body is not valid JSON');
  } else {
    res.locals.log?.error({ err }, 'unhandled error');
    error = new MeetingError(ErrorCode.INTERNAL, defaultMessages[ErrorCode.INTERNAL]);
  }
  if (res.headersSent) return;
  res.status(error.status).json(envelope(res, error.code, error.message, error.details));
}

function isBodyParserError(err: unknown): err is { type: string } {
  return typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string' && 'status' in err;
}
