import { Router, json } from 'express';
import { z } from 'zod';
import { createMeetingSchema } from '../../protocol/meeting.js';
import { accountRoutes } from './accounts.js';
import { guard, handle, parseBody, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';
import type { Tenant } from '../services/tenants.js';

declare module 'express-serve-static-core' {
  interface Locals {
    tenant: Tenant;
  }
}

const getMeetingSchema = z.strictObject({ meetingUniqueId: z.number().int().positive() });

/** The management REST API (API.md): signed, POST, JSON, enveloped. */
export function managementRoutes(services: Services): Router {
  const router = Router();
  router.use(['/v1', '/v2'], requireJson, json({ limit: '256kb' }));
  router.use(
    ['/v1', '/v2'],
    guard(async (req, res) => {
      res.locals.tenant = await services.tenants.authenticate({
        appKey: req.header('AppKey'),
        nonce: req.header('Nonce'),
        curTime: req.header('CurTime'),
        checkSum: req.header('CheckSum'),
      });
    }),
  );

  router.use(accountRoutes(services));

  router.post(
    '/v2/meeting/create',
    handle(async (req, res) => {
      const body = parseBody(createMeetingSchema, req.body);
      const row = await services.meetings.createInstant(res.locals.tenant.id, body);
      sendOk(res, services.meetings.toDto(row));
    }),
  );

  router.post(
    '/v2/meeting/get',
    handle(async (req, res) => {
      const body = parseBody(getMeetingSchema, req.body);
      const row = await services.meetings.get(res.locals.tenant.id, body.meetingUniqueId);
      sendOk(res, { ...services.meetings.toDto(row), valid: row.status === 1 || row.status === 2 });
    }),
  );
  return router;
}
