import type { IncomingMessage } from 'node:http';
import { Router, json } from 'express';
import { accountRoutes } from './accounts.js';
import { guard, refuseNulStrings, requireJson } from '../http.js';
import { meetingRoutes } from './meetings.js';
import { roomRoutes } from './rooms.js';
import { tenantRoutes } from './tenant.js';
import { userRoutes } from './users.js';
import type { Services } from '../services/index.js';
import type { Tenant } from '../services/tenants.js';

declare module 'express-serve-static-core' {
  interface Locals {
    tenant: Tenant;
  }
}

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/** The management REST API (API.md): signed, POST, JSON, enveloped. */
export function managementRoutes(services: Services): Router {
  const router = Router();
  // The raw body is kept for the HMAC scheme, which signs its hash. Imports may be large.
  const keepRaw = (req: IncomingMessage, _res: unknown, buf: Buffer) => void ((req as RawBodyRequest).rawBody = buf);
  router.use('/v1/tenant/import', requireJson, json({ limit: '50mb', verify: keepRaw }));
  router.use(['/v1', '/v2'], requireJson, json({ limit: '256kb', verify: keepRaw }), refuseNulStrings);
  // The console's user calls authenticate with a session instead; a signed one still names its tenant.
  router.use(
    ['/v1', '/v2'],
    guard(async (req, res) => {
      if (req.originalUrl.startsWith('/v1/user/') && !req.header('AppKey')) return;
      res.locals.tenant = await services.tenants.authenticate({
        appKey: req.header('AppKey'),
        nonce: req.header('Nonce'),
        curTime: req.header('CurTime'),
        checkSum: req.header('CheckSum'),
        signature: req.header('Signature'),
      }, { method: req.method, path: req.originalUrl.split('?')[0]!, rawBody: (req as RawBodyRequest).rawBody ?? new Uint8Array() });
    }),
  );

  router.use(userRoutes(services));
  router.use(accountRoutes(services));
  router.use(meetingRoutes(services));
  router.use(tenantRoutes(services));
  router.use(roomRoutes(services));
  return router;
}
