import { Router, json, type Request } from 'express';
import { z } from 'zod';
import { controlActionSchema, handSchema, selfActionSchema, ticketSchema } from '../../protocol/control-schemas.js';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import { handle, jsonRoute, refuseNulStrings, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';
import { waitingStream } from './waiting-stream.js';

const meetingIdParam = z.coerce.number().int().positive().max(2 ** 31 - 1);

/**
 * What people in a meeting ask of the server (DESIGN "Control path"): host actions, their own hand,
 * name and share request, the waiting room. The caller is whoever their LiveKit token names.
 */
export function controlRoutes({ control, join }: Services): Router {
  const router = Router();
  router.use(['/api/meetings', '/api/join/ticket'], requireJson, json({ limit: '8kb' }), refuseNulStrings);
  const caller = (req: Request) => {
    const id = meetingIdParam.safeParse(req.params.id);
    if (!id.success) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The meeting id in the path is not valid');
    return control.authenticate(id.data, req.header('Authorization'));
  };

  jsonRoute(router, '/api/meetings/:id/control', controlActionSchema, async (action, _res, req) => control.control(await caller(req), action));
  jsonRoute(router, '/api/meetings/:id/hand', handSchema, async (body, _res, req) => void (await control.self(await caller(req), { action: 'hand', raised: body.raised })));
  jsonRoute(router, '/api/meetings/:id/self', selfActionSchema, async (action, _res, req) => void (await control.self(await caller(req), action)));
  router.get(
    '/api/meetings/:id/waiting',
    handle(async (req, res) => sendOk(res, await control.waiting(await caller(req)))),
  );
  jsonRoute(router, '/api/join/ticket', ticketSchema, (body) => join.ticket(body.ticket));
  router.get('/api/join/wait', waitingStream(join));
  return router;
}
