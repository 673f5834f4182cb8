import { Router } from 'express';
import { z } from 'zod';
import { importSchema } from '../../protocol/tenant-data.js';
import { handle, parseBody, sendOk } from '../http.js';
import type { Services } from '../services/index.js';

export const setCallbackSchema = z.strictObject({
  /** Where webhooks go; "" stops them. */
  callbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
});

/** The calling tenant's own settings (ours; the vendor sets the callback URL in its console). */
export function tenantRoutes(services: Services): Router {
  const router = Router();
  router.post(
    '/v1/tenant/setCallback',
    handle(async (req, res) => {
      const { callbackUrl } = parseBody(setCallbackSchema, req.body);
      await services.tenants.setCallbackUrl(res.locals.tenant.id, callbackUrl || null);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/tenant/export',
    handle(async (req, res) => {
      parseBody(z.strictObject({}), req.body);
      sendOk(res, await services.tenantData.export(res.locals.tenant.id));
    }),
  );
  router.post(
    '/v1/tenant/import',
    handle(async (req, res) => {
      const { document } = parseBody(importSchema, req.body);
      sendOk(res, await services.tenantData.import(res.locals.tenant.id, document));
    }),
  );
  router.post(
    '/v1/ops/status',
    handle(async (req, res) => {
      parseBody(z.strictObject({}), req.body);
      sendOk(res, await services.operations.status(res.locals.tenant.id));
    }),
  );
  router.post(
    '/v1/ops/stopMeeting',
    handle(async (req, res) => {
      const { meetingUniqueId } = parseBody(z.strictObject({ meetingUniqueId: z.number().int().positive().max(2_147_483_647) }), req.body);
      await services.meetings.end(res.locals.tenant.id, { meetingUniqueId });
      sendOk(res);
    }),
  );
  return router;
}
