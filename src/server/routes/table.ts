import { z } from 'zod';
import { accountOperations } from './accounts.js';
import { controlOperations } from './control.js';
import { joinOperations } from './join.js';
import { meetingOperations } from './meetings.js';
import { operation, type Operation } from './operation.js';
import { roomOperations } from './rooms.js';
import { ssoOperations } from './sso.js';
import { tenantOperations } from './tenant.js';
import { userOperations } from './users.js';

/**
 * Every API operation of the server, the one source of its Express routes, their auth and the
 * OpenAPI document. Not in it: the LiveKit webhook receiver (LiveKit's own protocol, see
 * livekit-webhook.ts), the HTML pages and assets, the demo's helper (pages.ts), and the document itself.
 */
export const operations: readonly Operation[] = [
  operation({
    method: 'get',
    path: '/healthz',
    tag: 'Server',
    summary: 'Liveness',
    auth: 'none',
    ret: z.strictObject({ status: z.literal('ok') }),
    handle: async () => ({ status: 'ok' }),
  }),
  ...accountOperations,
  ...tenantOperations,
  ...meetingOperations,
  ...roomOperations,
  ...userOperations,
  ...ssoOperations,
  ...joinOperations,
  ...controlOperations,
];
