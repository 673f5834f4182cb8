import type { BundleRef } from './meeting-console-meetings.js';

const DEFAULT_BUNDLE: BundleRef = { src: '/assets/meeting-room.js' };

/**
 * The bundle an embedding snippet should load: the build's `assets-manifest.json` (next to the
 * bundle) names its content-hashed file and SRI hash when it exists; else the stable alias.
 */
export async function bundleRef(server: string): Promise<BundleRef> {
  try {
    const res = await fetch(new URL('/assets/assets-manifest.json', server));
    if (!res.ok) return DEFAULT_BUNDLE;
    return pickBundle(await res.json()) ?? DEFAULT_BUNDLE;
  } catch {
    return DEFAULT_BUNDLE;
  }
}

/** The entry for meeting-room.js in a manifest, whichever shape it takes (flat, or keyed by file). */
export function pickBundle(manifest: unknown): BundleRef | undefined {
  const candidates = [manifest, ...(manifest && typeof manifest === 'object' ? Object.values(manifest) : [])];
  for (const c of candidates) {
    if (!c || typeof c !== 'object') continue;
    const { integrity, file, src, url } = c as Record<string, unknown>;
    const path = [src, url, file].find((v): v is string => typeof v === 'string');
    if (typeof integrity === 'string' && /^sha(256|384|512)-/.test(integrity) && path) {
      return { src: path.startsWith('/') || /^https?:/.test(path) ? path : `/assets/${path}`, integrity };
    }
  }
  return undefined;
}
