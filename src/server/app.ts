import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { openApiDocument, openApiPage } from './openapi.js';
import { errorMiddleware, requestContext, unknownRoute } from './http.js';
import { livekitWebhookRoutes } from './routes/livekit-webhook.js';
import { pageRoutes, type PageOptions } from './routes/pages.js';
import { operationRoutes } from './routes/register.js';
import { operations } from './routes/table.js';
import { pageDirectives, securityHeaders } from './security-headers.js';
import type { Services } from './services/index.js';

export interface AppDeps {
  config: ServerConfig;
  services: Services;
  log: Logger;
  pages: PageOptions;
}

/** The Express app, with no listening socket: `main.ts` listens, tests call it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For counts is a setting (TRUST_PROXY, default none): else a client picks its own address.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(requestContext(deps.log));
  const directives = pageDirectives(deps.config.livekit.url);
  app.use(securityHeaders(directives));
  const apiDoc = openApiDocument(deps.config.publicUrl ?? '/');
  app.get('/openapi.json', (_req, res) => void res.json(apiDoc));
  app.get('/docs', (_req, res) => void res.type('html').send(openApiPage(apiDoc)));
  app.use(livekitWebhookRoutes(deps.services));
  app.use(operationRoutes(operations, deps.services));
  app.use(pageRoutes(deps.services, deps.pages, directives));
  app.use(unknownRoute);
  app.use(errorMiddleware);
  return app;
}
