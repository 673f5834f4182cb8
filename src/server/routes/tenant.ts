import { z } from 'zod';
import { emptyRet } from '../../protocol/responses.js';
import { importSchema, tenantExportSchema } from '../../protocol/tenant-data.js';
import { IMPORT_BODY_LIMIT, MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

const setCallbackSchema = z.strictObject({
  /** Where webhooks go; "" stops them. */
  callbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
});
const stopMeetingSchema = z.strictObject({ meetingUniqueId: z.number().int().positive().max(2_147_483_647) });
const noFields = z.strictObject({});

const tenantCall = { method: 'post', tag: 'Tenant', auth: 'signature', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

/** The calling tenant's own settings, data and operations (ours: SPEC M10, M12, M13). */
export const tenantOperations = [
  operation({
    ...tenantCall,
    path: '/v1/tenant/setCallback',
    summary: 'Set where webhooks go ("" stops them)',
    request: setCallbackSchema,
    ret: emptyRet,
    handle: (body, { services, tenant }) => services.tenants.setCallbackUrl(tenant.id, body.callbackUrl || null),
  }),
  operation({
    ...tenantCall,
    path: '/v1/tenant/export',
    summary: "Export the tenant's data as one JSON document",
    request: noFields,
    ret: tenantExportSchema,
    handle: (_body, { services, tenant }) => services.tenantData.export(tenant.id),
  }),
  operation({
    ...tenantCall,
    path: '/v1/tenant/import',
    summary: 'Import an exported document, all or nothing',
    bodyLimit: IMPORT_BODY_LIMIT,
    request: importSchema,
    ret: z.strictObject({ accounts: z.number(), rooms: z.number(), meetings: z.number(), recordings: z.number(), meetingUniqueIds: z.record(z.string(), z.number()) }),
    handle: (body, { services, tenant }) => services.tenantData.import(tenant.id, body.document),
  }),
  operation({
    ...tenantCall,
    path: '/v1/ops/status',
    summary: 'Media-server status: nodes, and people in each meeting in progress',
    request: noFields,
    ret: z.strictObject({
      nodes: z.array(z.strictObject({ nodeId: z.string(), rooms: z.number(), participants: z.number() })),
      meetings: z.array(z.strictObject({ meetingUniqueId: z.number(), meetingId: z.string(), subject: z.string(), participants: z.number() })),
    }),
    handle: (_body, { services, tenant }) => services.operations.status(tenant.id),
  }),
  operation({
    ...tenantCall,
    path: '/v1/ops/stopMeeting',
    summary: 'Operator: stop a meeting, disconnecting everyone (reason 4)',
    request: stopMeetingSchema,
    ret: emptyRet,
    handle: async (body, { services, tenant }) => void (await services.meetings.end(tenant.id, body)),
  }),
];
