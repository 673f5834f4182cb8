import { Router, text } from 'express';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import { handle, sendOk } from '../http.js';
import type { Services } from '../services/index.js';

/** LiveKit's webhooks. The signature covers the raw body, so it is read as text, not parsed. */
export function livekitWebhookRoutes(services: Services): Router {
  const router = Router();
  router.post(
    '/livekit/webhook',
    text({ type: '*/*', limit: '1mb' }),
    handle(async (req, res) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const event = await services.livekitWebhooks.verify(raw, req.header('Authorization')).catch((err: unknown) => {
        res.locals.log.warn({ err: String(err) }, 'rejected livekit webhook');
        throw new MeetingError(ErrorCode.AUTH_FAILED, 'Webhook signature did not verify');
      });
      await services.livekitWebhooks.process(event);
      sendOk(res);
    }),
  );
  return router;
}
