/**
 * Where every video goes (SPEC R1), as pure functions of the people, the policy, my choices and the
 * space there is: no DOM here, so every layout is table-tested at every size (in the manner of
 * livekit/components-js `grid-layouts`). The view part derives subscriptions from the same answer.
 */

/** What someone chose to see: everyone alike, or the one speaking large. */
export type LayoutMode = 'gallery' | 'speaker';

export interface Box {
  readonly width: number;
  readonly height: number;
}

/** One video on screen: a person's camera (`key` is their identity) or their screen share (`identity:screen`). */
export interface TileRef {
  readonly key: string;
  readonly identity: string;
  readonly source: 'camera' | 'screen';
}

export interface LayoutInput {
  /** Local first, then the others in join order (the snapshot's order). */
  readonly participants: ReadonlyArray<{ readonly identity: string; readonly isLocal: boolean; readonly screenOn: boolean }>;
  readonly mode: LayoutMode;
  /** The tile key I pinned, or null. */
  readonly pinned: string | null;
  /** The identity a host spotlit for everyone (SPEC H7), or null. */
  readonly spotlight: string | null;
  /** The remote person who spoke last, or null. */
  readonly activeSpeaker: string | null;
  /** The space the videos have. */
  readonly viewport: Box;
  /** The page asked for (0 first); clamped to the pages there are. */
  readonly page: number;
  /** At most this many videos on screen at once. */
  readonly maxVideos: number;
}

export interface Layout {
  /** `focus`: one tile large because a host spotlit it, I pinned it, or it is a screen share. */
  readonly mode: LayoutMode | 'focus';
  readonly reason?: 'spotlight' | 'pin' | 'screen';
  /** The large tile (speaker and focus), and its size. */
  readonly main?: TileRef;
  readonly mainBox?: Box;
  /** The grid's page (gallery) or the strip's page (speaker, focus). */
  readonly tiles: readonly TileRef[];
  readonly columns: number;
  readonly rows: number;
  /** The size of each of `tiles`. */
  readonly tile: Box;
  readonly page: number;
  readonly pages: number;
  /** Every key on screen now (the main tile and the page): their video is received, the rest is not. */
  readonly visible: readonly string[];
}

export const GAP = 12;
export const ASPECT = 16 / 9;
/** The narrowest a gallery tile may get before another page starts. */
export const MIN_TILE_WIDTH = 160;
export const DEFAULT_MAX_VIDEOS = 25;

export const screenKey = (identity: string) => `${identity}:screen`;

/** Every video there is: screen shares first, then the people (local first). */
export function tilesOf(participants: LayoutInput['participants']): TileRef[] {
  return [
    ...participants.filter((p) => p.screenOn).map((p): TileRef => ({ key: screenKey(p.identity), identity: p.identity, source: 'screen' })),
    ...participants.map((p): TileRef => ({ key: p.identity, identity: p.identity, source: 'camera' })),
  ];
}

/** The biggest 16:9 tiles for `count` of them in `space`: columns, rows and the tile size. */
export function fitGrid(count: number, space: Box): { columns: number; rows: number; tile: Box } {
  let best = { columns: 1, rows: 1, tile: { width: 0, height: 0 } };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.max(1, Math.ceil(count / columns));
    const width = Math.max(0, Math.min((space.width - (columns - 1) * GAP) / columns, ((space.height - (rows - 1) * GAP) / rows) * ASPECT));
    if (width > best.tile.width) best = { columns, rows, tile: { width: Math.floor(width), height: Math.floor(width / ASPECT) } };
  }
  return best;
}

/** How many gallery tiles fit on one page without going under the narrowest width, within the cap. */
export function galleryCapacity(space: Box, maxVideos: number): number {
  const columns = Math.max(1, Math.floor((space.width + GAP) / (MIN_TILE_WIDTH + GAP)));
  const rows = Math.max(1, Math.floor((space.height + GAP) / (MIN_TILE_WIDTH / ASPECT + GAP)));
  return Math.max(1, Math.min(maxVideos, columns * rows));
}

/**
 * The strip beside the large tile: one row along the bottom in landscape, two rows of two on a
 * portrait screen. Answers its shape and tile size.
 */
export function stripShape(space: Box): { columns: number; rows: number; tile: Box } {
  if (space.width >= space.height) {
    const height = Math.floor(Math.min(180, Math.max(72, space.height * 0.2)));
    const width = Math.floor(height * ASPECT);
    const columns = Math.max(1, Math.floor((space.width + GAP) / (width + GAP)));
    return { columns, rows: 1, tile: { width, height } };
  }
  const width = Math.floor((space.width - GAP) / 2);
  const height = Math.floor(width / ASPECT);
  return { columns: 2, rows: 2, tile: { width, height } };
}

/** What is large, and why: a host's spotlight, then my pin, then a screen share, then (speaker view) who speaks. */
function mainTile(all: TileRef[], input: LayoutInput): { main?: TileRef; reason?: Layout['reason'] } {
  const byKey = (key: string | null) => (key === null ? undefined : all.find((t) => t.key === key));
  if (input.spotlight !== null) {
    const spot = byKey(screenKey(input.spotlight)) ?? byKey(input.spotlight);
    if (spot) return { main: spot, reason: 'spotlight' };
  }
  const pinned = byKey(input.pinned);
  if (pinned) return { main: pinned, reason: 'pin' };
  const screen = all.find((t) => t.source === 'screen');
  if (screen) return { main: screen, reason: 'screen' };
  if (input.mode !== 'speaker' || all.length < 2) return {};
  const local = input.participants.find((p) => p.isLocal)?.identity;
  return { main: byKey(input.activeSpeaker) ?? all.find((t) => t.source === 'camera' && t.identity !== local) ?? all[0] };
}

function paged<T>(items: T[], perPage: number, page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const at = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(at * perPage, (at + 1) * perPage), page: at, pages };
}

/** The whole layout: what is large, what is on this page and at which size, and what is received. */
export function computeLayout(input: LayoutInput): Layout {
  const space = { width: Math.max(0, input.viewport.width), height: Math.max(0, input.viewport.height) };
  const maxVideos = Math.max(1, Math.floor(input.maxVideos));
  const all = tilesOf(input.participants);
  const { main, reason } = mainTile(all, input);
  if (!main) {
    const page = paged(all, galleryCapacity(space, maxVideos), input.page);
    const grid = fitGrid(page.items.length, space);
    return { mode: 'gallery', tiles: page.items, ...grid, page: page.page, pages: page.pages, visible: page.items.map((t) => t.key) };
  }
  const rest = all.filter((t) => t !== main);
  const mode = reason ? 'focus' : 'speaker';
  if (rest.length === 0 || maxVideos === 1) {
    const mainBox = fitGrid(1, space).tile;
    return { mode, reason, main, mainBox, tiles: [], columns: 0, rows: 0, tile: { width: 0, height: 0 }, page: 0, pages: 1, visible: [main.key] };
  }
  const strip = stripShape(space);
  const page = paged(rest, Math.max(1, Math.min(maxVideos - 1, strip.columns * strip.rows)), input.page);
  const columns = Math.min(strip.columns, page.items.length);
  const rows = Math.ceil(page.items.length / strip.columns);
  const stripHeight = rows * strip.tile.height + (rows - 1) * GAP;
  const mainBox = fitGrid(1, { width: space.width, height: Math.max(0, space.height - stripHeight - GAP) }).tile;
  return { mode, reason, main, mainBox, tiles: page.items, columns, rows, tile: strip.tile, page: page.page, pages: page.pages, visible: [main.key, ...page.items.map((t) => t.key)] };
}
