import { Router } from 'express';
import { z } from 'zod';
import { importSchema } from '../../protocol/tenant-data.js';
import { jsonRoute } from '../http.js';
import type { Services } from '../services/index.js';

export const setCallbackSchema = z.strictObject({
  /** Where webhooks go; "" stops them. */
  callbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
});
export const stopMeetingSchema = z.strictObject({ meetingUniqueId: z.number().int().positive().max(2_147_483_647) });
export const noFields = z.strictObject({});

/** The calling tenant's own settings, data and operations (ours: SPEC M10, M12, M13). */
export function tenantRoutes(services: Services): Router {
  const router = Router();
  jsonRoute(router, '/v1/tenant/setCallback', setCallbackSchema, (body, res) => services.tenants.setCallbackUrl(res.locals.tenant.id, body.callbackUrl || null));
  jsonRoute(router, '/v1/tenant/export', noFields, (_body, res) => services.tenantData.export(res.locals.tenant.id));
  jsonRoute(router, '/v1/tenant/import', importSchema, (body, res) => services.tenantData.import(res.locals.tenant.id, body.document));
  jsonRoute(router, '/v1/ops/status', noFields, (_body, res) => services.operations.status(res.locals.tenant.id));
  jsonRoute(router, '/v1/ops/stopMeeting', stopMeetingSchema, async (body, res) => void (await services.meetings.end(res.locals.tenant.id, body)));
  return router;
}
