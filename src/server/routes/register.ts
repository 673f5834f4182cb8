import type { IncomingMessage } from 'node:http';
import { Router, json, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.js';
import { meetingUniqueIdSchema } from '../../protocol/meeting.js';
import { MeetingError } from '../errors.js';
import { handle, parseBody, refuseNulStrings, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';
import { embedCors, type OriginPolicy } from '../cors.js';
import { isStream, type CrossOrigin, type Operation } from './operation.js';

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

// The raw body is kept for the HMAC scheme, which signs its hash.
const keepRaw = (req: IncomingMessage, _res: unknown, buf: Buffer) => void ((req as RawBodyRequest).rawBody = buf);

const meetingIdParam = z.coerce.number().pipe(meetingUniqueIdSchema);

const signable = (op: Operation) => op.auth !== 'bearer' && op.auth !== 'none';

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
    // A management call without a session is a server's: its missing headers are told as such (302).
    if (op.auth === 'signature' || (op.auth === 'management' && !req.header('SID')) || (op.auth === 'session-or-signature' && req.header('AppKey'))) proof.tenant = await signatureOf(services, req);
    else if (op.auth === 'management') {
      const session = await services.users.session(req.header('SID') ?? undefined);
      Object.assign(proof, { tenant: { id: session.tenantId }, session });
    }
    const input = op.request ? parseBody(op.request, op.method === 'get' ? req.query : req.body, op.fieldCodes) : undefined;
    if (op.auth === 'bearer') proof.caller = await callerOf(services, req);
    const ctx = { services, req, res, ...proof } as never;
    if (isStream(op)) op.stream(input, ctx);
    else sendOk(res, await op.handle(input, ctx));
  });
}

/** How each kind of cross-origin operation judges a page's origin (operation.ts). */
function originPolicy(kind: CrossOrigin, { embedOrigins, meetings }: Services): OriginPolicy {
  switch (kind) {
    case 'join':
      return async () => true;
    case 'ticket':
      return async (_req, origin) => embedOrigins.allowedBySome(origin);
    case 'meeting':
      return async (req, origin) => {
        const id = meetingIdParam.safeParse(req.params.id);
        const meeting = id.success ? await meetings.findById(id.data) : undefined;
        return !!meeting && (await embedOrigins.allows(meeting.tenant_id, origin));
      };
  }
}

/** Registers every operation of the table on one router, with CORS (and its preflight) where it says so. */
export function operationRoutes(operations: readonly Operation[], services: Services): Router {
  const router = Router();
  for (const op of operations) {
    const cors = op.crossOrigin ? [embedCors(originPolicy(op.crossOrigin, services))] : [];
    if (cors.length) router.options(op.path, ...cors);
    router[op.method](op.path, ...cors, ...bodyParsing(op), run(op, services));
  }
  return router;
}
