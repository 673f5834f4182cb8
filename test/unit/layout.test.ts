import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASPECT, GAP, MIN_TILE_WIDTH, computeLayout, screenKey, tilesOf, type Box, type Layout, type LayoutInput } from '../../src/client/layout.js';

const people = (n: number, sharing: number[] = []) =>
  Array.from({ length: n }, (_, i) => ({ identity: `p${i}`, isLocal: i === 0, screenOn: sharing.includes(i) }));

const PANEL = 360;
const viewports: Array<[string, Box]> = [
  ['phone 390×844', { width: 390, height: 844 }],
  ['laptop 1280×800', { width: 1280, height: 800 }],
  ['laptop 1280×800, panel open', { width: 1280 - PANEL, height: 800 }],
  ['wide 1920×1080', { width: 1920, height: 1080 }],
  ['wide 1920×1080, panel open', { width: 1920 - PANEL, height: 1080 }],
];
const counts = [1, 2, 5, 9, 26, 49];

function input(over: Partial<LayoutInput> & { participants: LayoutInput['participants']; viewport: Box }): LayoutInput {
  return { mode: 'gallery', pinned: null, spotlight: null, activeSpeaker: null, page: 0, maxVideos: 25, ...over };
}

/** Every page, walked from the first: what each shows. */
function allPages(base: LayoutInput): Layout[] {
  const first = computeLayout(base);
  return Array.from({ length: first.pages }, (_, page) => computeLayout({ ...base, page }));
}

/** The box a grid of `columns × rows` tiles of `tile` takes. */
const extent = (l: Layout) => ({ width: l.columns * l.tile.width + Math.max(0, l.columns - 1) * GAP, height: l.rows * l.tile.height + Math.max(0, l.rows - 1) * GAP });

const variants: Array<[string, (n: number) => Partial<LayoutInput> & { participants: LayoutInput['participants'] }]> = [
  ['gallery', (n) => ({ participants: people(n) })],
  ['speaker', (n) => ({ participants: people(n), mode: 'speaker', activeSpeaker: n > 1 ? `p${n - 1}` : null })],
  ['focus (pinned)', (n) => ({ participants: people(n), pinned: `p${Math.floor(n / 2)}` })],
  ['focus (screen share)', (n) => ({ participants: people(n, [n - 1]) })],
  ['focus (host spotlight)', (n) => ({ participants: people(n), spotlight: `p${n - 1}`, pinned: 'p0' })],
];

describe('layouts: every layout × participant count × viewport', () => {
  for (const [layoutName, make] of variants) {
    for (const [viewportName, viewport] of viewports) {
      for (const n of counts) {
        test(`${layoutName}, ${n} people, ${viewportName}`, () => {
          const base = input({ ...make(n), viewport });
          const pages = allPages(base);
          const all = tilesOf(base.participants).map((t) => t.key);
          const main = pages[0]!.main;

          // Every tile is shown exactly once: the main one on every page, the others on exactly one page.
          const paged = pages.flatMap((l) => l.tiles.map((t) => t.key));
          assert.deepEqual([...paged, ...(main ? [main.key] : [])].sort(), [...all].sort());
          for (const l of pages) {
            assert.equal(l.main?.key, main?.key, 'the main tile stays on every page');
            assert.ok(l.visible.length <= base.maxVideos, `${l.visible.length} videos on screen, cap ${base.maxVideos}`);
            assert.deepEqual(l.visible, [...(l.main ? [l.main.key] : []), ...l.tiles.map((t) => t.key)]);
            // Everything fits in the viewport, main tile and strip together.
            const grid = extent(l);
            assert.ok(grid.width <= viewport.width, `grid ${grid.width} wide in ${viewport.width}`);
            const mainHeight = l.mainBox ? l.mainBox.height + (l.tiles.length ? GAP : 0) : 0;
            assert.ok(grid.height + mainHeight <= viewport.height, `${grid.height}+${mainHeight} high in ${viewport.height}`);
            if (l.mainBox) assert.ok(l.mainBox.width <= viewport.width && Math.abs(l.mainBox.width / ASPECT - l.mainBox.height) <= 1);
            for (const t of l.tiles) assert.ok(t.key);
            assert.ok(l.tiles.length === 0 || Math.abs(l.tile.width / ASPECT - l.tile.height) <= 1, '16:9 tiles');
          }
          if (layoutName === 'gallery') {
            assert.equal(main, undefined);
            // Tiles are never narrower than the minimum (a phone may go under it for one column only).
            for (const l of pages) assert.ok(l.tile.width >= Math.min(MIN_TILE_WIDTH, viewport.width) - 1, `tile ${l.tile.width} wide`);
            // Tiles fill the space they have: every page's grid spans (nearly) its width or its height.
            for (const l of pages) {
              const grid = extent(l);
              assert.ok(grid.width >= viewport.width * 0.85 || grid.height >= viewport.height * 0.85, `grid ${grid.width}×${grid.height} in ${viewport.width}×${viewport.height}`);
            }
          } else if (n > 1) {
            const expected = {
              speaker: `p${n - 1}`,
              'focus (pinned)': `p${Math.floor(n / 2)}`,
              'focus (screen share)': screenKey(`p${n - 1}`),
              'focus (host spotlight)': `p${n - 1}`,
            }[layoutName];
            assert.equal(main?.key, expected);
            assert.equal(pages[0]!.mode, layoutName === 'speaker' ? 'speaker' : 'focus');
            // The large tile takes most of the height that is left to it.
            assert.ok(pages[0]!.mainBox!.height >= viewport.height * 0.2, `main ${pages[0]!.mainBox!.height} high`);
          }
        });
      }
    }
  }
});

describe('layout rules', () => {
  const laptop = { width: 1280, height: 800 };

  test('a host spotlight beats my pin, my pin beats a screen share, a share beats speaker view', () => {
    const ps = people(4, [2]);
    assert.equal(computeLayout(input({ participants: ps, viewport: laptop, spotlight: 'p3', pinned: 'p1' })).reason, 'spotlight');
    assert.equal(computeLayout(input({ participants: ps, viewport: laptop, pinned: 'p1' })).main?.key, 'p1');
    assert.equal(computeLayout(input({ participants: ps, viewport: laptop, mode: 'speaker', activeSpeaker: 'p3' })).main?.key, screenKey('p2'));
  });

  test('a spotlit person who shares their screen shows the share', () => {
    assert.equal(computeLayout(input({ participants: people(3, [1]), viewport: laptop, spotlight: 'p1' })).main?.key, screenKey('p1'));
  });

  test('a pin on someone who left falls back to the chosen layout', () => {
    const l = computeLayout(input({ participants: people(3), viewport: laptop, pinned: 'gone' }));
    assert.equal(l.mode, 'gallery');
    assert.equal(l.main, undefined);
  });

  test('speaker view without anyone speaking shows the first other person, never myself', () => {
    assert.equal(computeLayout(input({ participants: people(3), viewport: laptop, mode: 'speaker' })).main?.key, 'p1');
  });

  test('alone, speaker view is my own tile, full size', () => {
    const l = computeLayout(input({ participants: people(1), viewport: laptop, mode: 'speaker' }));
    assert.equal(l.mode, 'gallery');
    assert.equal(l.tiles.length, 1);
    assert.ok(l.tile.width >= 1100);
  });

  test('the cap on videos makes pages: 49 people with a cap of 9 are six pages of at most 9', () => {
    const base = input({ participants: people(49), viewport: { width: 1920, height: 1080 }, maxVideos: 9 });
    const pages = allPages(base);
    assert.equal(pages.length, 6);
    for (const l of pages) assert.ok(l.tiles.length <= 9);
    assert.equal(pages[5]!.tiles.length, 4);
  });

  test('a page past the last is the last, a negative one the first', () => {
    const base = input({ participants: people(49), viewport: laptop });
    const last = computeLayout({ ...base, page: 99 });
    assert.equal(last.page, last.pages - 1);
    assert.equal(computeLayout({ ...base, page: -3 }).page, 0);
  });

  test('opening the side panel makes the tiles smaller or the pages more, never wider than the space', () => {
    const open = computeLayout(input({ participants: people(9), viewport: { width: 1280 - PANEL, height: 800 } }));
    const closed = computeLayout(input({ participants: people(9), viewport: laptop }));
    assert.ok(open.tile.width <= closed.tile.width);
    assert.ok(extent(open).width <= 1280 - PANEL);
  });

  test('a zero-sized viewport (not laid out yet) still answers a layout', () => {
    const l = computeLayout(input({ participants: people(5), viewport: { width: 0, height: 0 } }));
    assert.ok(l.pages >= 1);
    assert.equal(l.tile.width, 0);
  });
});
