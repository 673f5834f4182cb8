import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/** The LiveKit server's origins: livekit-client opens its websocket and also fetches over HTTP(S) from it. */
function livekitOrigins(livekitUrl: string): string[] {
  const ws = new URL(livekitUrl);
  const http = new URL(livekitUrl);
  http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:';
  return [ws.origin, http.origin];
}

/**
 * The Content-Security-Policy the join page and its bundle run under: the bundle and its API from
 * this server only, media from LiveKit, local media as blob:/mediastream:, no inline scripts, no
 * plugins; framed only by this origin unless a route says otherwise (`/embed`).
 */
export function pageDirectives(livekitUrl: string): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // The pages' own <style> blocks; Lit's styles are constructed stylesheets, which CSP does not govern.
    'style-src': ["'self'", "'unsafe-inline'"],
    // A tenant's or room's logo lives on the tenant's own site (SPEC E3); images run no code.
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...livekitOrigins(livekitUrl)],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
}

/** A CSP with `frame-ancestors` replaced: the one thing a page route varies. */
export function framedBy(directives: Directives, ancestors: string[]): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...directives, 'frame-ancestors': ancestors } });
}

/**
 * helmet's headers on every response, with the page CSP above: nosniff, no referrer, frames from
 * this origin only, COOP. The bundle stays loadable by other sites (`<script src>` of the
 * embedding snippet), so resources are cross-origin readable; CORS stays the embedding's business.
 */
export function securityHeaders(directives: Directives): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    xFrameOptions: { action: 'sameorigin' },
  });
}
