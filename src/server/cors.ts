import type { IncomingMessage } from 'node:http';
import cors, { type CorsOptions } from 'cors';
import type { Request, RequestHandler } from 'express';

/**
 * The origin of the page behind a request when it is another site (`Origin` naming another host),
 * else undefined: a page of this server needs no CORS. An opaque origin (`null`: a sandboxed frame,
 * a file) is another site that no tenant can allow.
 */
export function crossOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  try {
    return new URL(origin).host === req.headers.host ? undefined : origin;
  } catch {
    return origin;
  }
}

/** Whether a cross-origin page may call a route; `req` names what it calls. */
export type OriginPolicy = (req: Request, origin: string) => Promise<boolean>;

// Never credentials (no Access-Control-Allow-Credentials): calls carry their proof in the body or a bearer token.
const granted: CorsOptions = {
  origin: true,
  methods: ['GET', 'POST'],
  allowedHeaders: ['Content-Type', 'Authorization'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};
const refused: CorsOptions = { origin: false };

/**
 * CORS for embedding pages (issue 11 part 1), preflight included: an origin the policy allows gets
 * its grant, any other none (its browser then keeps the answer from the page).
 */
export function embedCors(policy: OriginPolicy): RequestHandler {
  const grant = cors<Request>((req, done) => {
    const origin = crossOrigin(req);
    if (origin === undefined) return done(null, refused);
    policy(req, origin).then(
      (ok) => done(null, ok ? granted : refused),
      (err: unknown) => done(err as Error),
    );
  });
  // Every answer varies by Origin, refusals too: a cache must not hand one site's answer to another.
  return (req, res, next) => {
    res.vary('Origin');
    grant(req, res, next);
  };
}
