import type { Request, Response } from 'express';

/** A 32×32 PNG (a white camera on the accent blue): every page's `/favicon.ico` gets an icon, not a 404. */
const FAVICON = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAf0lEQVR42mNgwANUk1//pwZmIAVQy1KyHENry/E6gl6WY3UEvS3HcMTIdsBAWQ53xKgDcEmQC/CZN2AOwCdHcwcQchxNHUBM6NDEAaRED9UdQGr6GH4OGPAoGBSJcNBkw0FREJFdFI/WhiOiVTTaKB08HZNB0TUbFJ3TgeieAwDWWlgbUSXd/gAAAABJRU5ErkJggg==',
  'base64',
);

export function sendFavicon(_req: Request, res: Response): void {
  res.setHeader('Cache-Control', 'public, max-age=86400');
  res.type('png').send(FAVICON);
}
