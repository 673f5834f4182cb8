import { z } from 'zod';
import { ssoLoginSchema, ssoSignRetSchema, ssoSignSchema } from '../../protocol/embed.js';
import { userObjectSchema } from '../../protocol/responses.js';
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

/** Portal sign-on (SPEC M9): the portal's server asks, with the tenant's signature, for its user's one-time sign. */
export const ssoOperations = [
  operation({
    method: 'post',
    tag: 'Portal',
    auth: 'signature',
    bodyLimit: MANAGEMENT_BODY_LIMIT,
    path: '/v1/sso/sign',
    summary: "A short-lived one-time sign for one of the portal's users in one of its meetings; the join link's `sign` redeems it (2121 used, 2122 expired, 2123 another meeting)",
    request: ssoSignSchema,
    ret: ssoSignRetSchema,
    handle: (body, { services, tenant }) => services.sso.sign(tenant.id, body),
  }),
  operation({
    method: 'post',
    tag: 'Portal',
    auth: 'session-or-signature',
    bodyLimit: MANAGEMENT_BODY_LIMIT,
    path: '/v1/sso/login',
    summary:
      "Sign a portal user in to the console with a sign-in sign (`/v1/sso/sign` without a meeting) for the same `account`; makes or updates the tenant's account keyed by it (2121 used, 2122 expired, 2123 a meeting's sign, another account, or, when the portal signs this call, another tenant)",
    request: ssoLoginSchema,
    ret: z.strictObject({ SID: z.string(), user: userObjectSchema, organisation: z.string() }),
    handle: async (body, { services: { sso, users }, tenant }) => {
      const { sid, user, organisation } = await sso.login(body, tenant?.id);
      return { SID: sid, user: users.toDto(user), organisation };
    },
  }),
];
