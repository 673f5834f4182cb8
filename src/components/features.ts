import type { ShortcutAction } from './shortcuts.js';

/** What a page may leave out of `<meeting-room>` with `hide="…"`: not rendered, and its shortcut off. */
export const FEATURES = ['mic', 'camera', 'share', 'hand', 'reactions', 'record', 'chat', 'roster', 'settings', 'stats', 'leave'] as const;
export type Feature = (typeof FEATURES)[number];

/** `hide="chat roster"` → the features named; unknown words are ignored. */
export function hiddenFeatures(value: string | null | undefined): ReadonlySet<Feature> {
  const words = new Set((value ?? '').toLowerCase().split(/[\s,]+/));
  return new Set(FEATURES.filter((f) => words.has(f)));
}

/** The feature a keyboard shortcut belongs to: hidden, its shortcut does nothing. */
export const SHORTCUT_FEATURE: Readonly<Record<ShortcutAction, Feature>> = Object.freeze({
  mic: 'mic',
  camera: 'camera',
  hand: 'hand',
  panel: 'roster',
  leave: 'leave',
});
