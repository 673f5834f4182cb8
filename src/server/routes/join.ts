import { Router, json } from 'express';
import { joinRequestSchema } from '../../protocol/join.js';
import { handle, parseBody, refuseNulStrings, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';

/** `POST /api/join`: a join link's parameters in, a LiveKit grant or a typed refusal out. */
export function joinRoutes(services: Services): Router {
  const router = Router();
  router.post(
    '/api/join',
    requireJson,
    json({ limit: '16kb' }),
    refuseNulStrings,
    handle(async (req, res) => {
      const body = parseBody(joinRequestSchema, req.body);
      sendOk(res, await services.join.join(body, req.ip ?? 'unknown'));
    }),
  );
  return router;
}
