import type { IncomingMessage } from 'node:http';
import { Router, json, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import { handle, parseBody, refuseNulStrings, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';
import { isStream, type Operation } from './operation.js';

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

// The raw body is kept for the HMAC scheme, which signs its hash.
const keepRaw = (req: IncomingMessage, _res: unknown, buf: Buffer) => void ((req as RawBodyRequest).rawBody = buf);

const meetingIdParam = z.coerce.number().int().positive().max(2 ** 31 - 1);

const signable = (op: Operation) => op.auth === 'signature' || op.auth === 'session-or-signature';

/** A POST body: JSON in UTF-8, within the operation's limit, without NUL characters. */
function bodyParsing(op: Operation): RequestHandler[] {
  if (op.method !== 'post') return [];
  return [requireJson, json({ limit: op.bodyLimit, ...(signable(op) ? { verify: keepRaw } : {}) }), refuseNulStrings];
}

function signatureOf(services: Services, req: Request) {
  return services.tenants.authenticate(
    { appKey: req.header('AppKey'), nonce: req.header('Nonce'), curTime: req.header('CurTime'), checkSum: req.header('CheckSum'), signature: req.header('Signature') },
    { method: req.method, path: req.originalUrl.split('?')[0]!, rawBody: (req as RawBodyRequest).rawBody ?? new Uint8Array() },
  );
}

function callerOf(services: Services, req: Request) {
  const id = meetingIdParam.safeParse(req.params.id);
  if (!id.success) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The meeting id in the path is not valid');
  return services.control.authenticate(id.data, req.header('Authorization'));
}

/**
 * One operation's pipeline. A signature is checked before the body is parsed (it covers the raw
 * body); a meeting token after it, so that a malformed request is refused as such first.
 */
function run(op: Operation, services: Services): RequestHandler {
  return handle(async (req: Request, res: Response) => {
    const proof: Record<string, unknown> = {};
    if (op.auth === 'signature' || (op.auth === 'session-or-signature' && req.header('AppKey'))) proof.tenant = await signatureOf(services, req);
    const input = op.request ? parseBody(op.request, op.method === 'get' ? req.query : req.body, op.fieldCodes) : undefined;
    if (op.auth === 'bearer') proof.caller = await callerOf(services, req);
    const ctx = { services, req, res, ...proof } as never;
    if (isStream(op)) op.stream(input, ctx);
    else sendOk(res, await op.handle(input, ctx));
  });
}

/** Registers every operation of the table on one router. */
export function operationRoutes(operations: readonly Operation[], services: Services): Router {
  const router = Router();
  for (const op of operations) router[op.method](op.path, ...bodyParsing(op), run(op, services));
  return router;
}
