import { z } from 'zod';
import { setBrandingSchema } from '../../protocol/branding.js';
import { setEmbedOriginsSchema, tenantSettingsSchema } from '../../protocol/embed.js';
import { meetingUniqueIdSchema } from '../../protocol/meeting.js';
import { emptyRet } from '../../protocol/responses.js';
import { importSchema, tenantExportSchema } from '../../protocol/tenant-data.js';
import { IMPORT_BODY_LIMIT, MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';
import { ensureAdmin, ensureManages, listedOwner } from './scope.js';

const setCallbackSchema = z.strictObject({
  /** Where webhooks go; "" stops them. */
  callbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
});
const stopMeetingSchema = z.strictObject({ meetingUniqueId: meetingUniqueIdSchema });
const noFields = z.strictObject({});

const tenantCall = { method: 'post', tag: 'Tenant', auth: 'signature', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;
/** The console's admin may change these too; the live view shows each person their own meetings. */
const consoleCall = { ...tenantCall, auth: 'management' } as const;

/** The calling tenant's own settings, data and operations (ours: SPEC M10, M12, M13). */
export const tenantOperations = [
  operation({
    ...consoleCall,
    path: '/v1/tenant/setCallback',
    summary: 'Set where webhooks go ("" stops them)',
    request: setCallbackSchema,
    ret: emptyRet,
    handle: async (body, { services, tenant, session }) => {
      ensureAdmin(session);
      await services.tenants.setCallbackUrl(tenant.id, body.callbackUrl || null);
    },
  }),
  operation({
    ...consoleCall,
    path: '/v1/tenant/setEmbedOrigins',
    summary: 'Set the origins whose pages may embed this tenant\'s meetings: CORS for the tag, frame-ancestors for /embed ([] = none)',
    request: setEmbedOriginsSchema,
    ret: emptyRet,
    handle: async (body, { services, tenant, session }) => {
      ensureAdmin(session);
      await services.embedOrigins.set(tenant.id, body.embedOrigins);
    },
  }),
  operation({
    ...consoleCall,
    path: '/v1/tenant/setBranding',
    summary: 'Set the logo (https:// URL, "" = none) and accent colour (#rrggbb, "" = the theme\'s) its meetings show; a field left out stays',
    request: setBrandingSchema,
    ret: emptyRet,
    handle: async (body, { services, tenant, session }) => {
      ensureAdmin(session);
      await services.tenants.setBranding(tenant.id, body);
    },
  }),
  operation({
    ...consoleCall,
    path: '/v1/tenant/getSettings',
    summary: "The tenant's own settings: callback URL, embed origins, logo and accent colour",
    request: noFields,
    ret: tenantSettingsSchema,
    handle: async (_body, { services, tenant, session }) => {
      ensureAdmin(session);
      return services.tenants.settings(tenant.id);
    },
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
    ...consoleCall,
    path: '/v1/ops/status',
    summary: "Media-server status: nodes, and people in each meeting in progress (a signed-in person who is not an admin: their own meetings only)",
    request: noFields,
    ret: z.strictObject({
      nodes: z.array(z.strictObject({ nodeId: z.string(), rooms: z.number(), participants: z.number() })),
      meetings: z.array(z.strictObject({ meetingUniqueId: z.number(), meetingId: z.string(), subject: z.string(), participants: z.number() })),
    }),
    handle: (_body, { services, tenant, session }) => services.operations.status(tenant.id, listedOwner(session)),
  }),
  operation({
    ...consoleCall,
    path: '/v1/ops/stopMeeting',
    summary: 'Operator: stop a meeting, disconnecting everyone (reason 4)',
    request: stopMeetingSchema,
    ret: emptyRet,
    handle: async (body, { services, tenant, session }) => {
      ensureManages(session, (await services.meetings.get(tenant.id, body)).host_account, 'meeting');
      await services.meetings.end(tenant.id, body);
    },
  }),
];
