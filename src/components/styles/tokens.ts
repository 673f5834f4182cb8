import { css } from 'lit';

/**
 * Design tokens: every element reads these custom properties, so a page themes the whole family
 * by setting them on `<meeting-room>` (or any ancestor). A property the page does not set comes
 * from the theme (`themes` below, chosen by `<meeting-room theme>`), and dark without one.
 *
 * --meeting-bg          page background
 * --meeting-surface     panels, tiles, idle buttons
 * --meeting-fg          text
 * --meeting-muted-fg    secondary text
 * --meeting-line        borders and separators
 * --meeting-accent      buttons that are on, highlights, focus ring
 * --meeting-accent-fg   text on the accent (white; dark on a tenant's light accent)
 * --meeting-link        links and marks in text (the chat's links, "private")
 * --meeting-danger      leave, things turned off, poor connection
 * --meeting-danger-fg   error text on the background
 * --meeting-warning-bg  banners and warnings
 * --meeting-hand        raised hands
 * --meeting-speaking    the ring around who speaks
 * --meeting-radius      corner radius of tiles and panels
 * --meeting-font        font family
 */
/** The page's `--meeting-accent`, else the tenant's (set by `<meeting-room>` inside itself), else the theme's. */
export const accent = css`var(--meeting-accent, var(--_tenant-accent, var(--_t-accent, #1a66d9)))`;

export const tokens = css`
  :host {
    --_bg: var(--meeting-bg, var(--_t-bg, #111418));
    --_surface: var(--meeting-surface, var(--_t-surface, #1d2127));
    --_fg: var(--meeting-fg, var(--_t-fg, #f2f4f7));
    --_muted: var(--meeting-muted-fg, var(--_t-muted, #a8b0bb));
    --_line: var(--meeting-line, var(--_t-line, rgb(255 255 255 / 0.12)));
    --_accent: ${accent};
    --_on-accent: var(--meeting-accent-fg, var(--_tenant-on-accent, white));
    --_link: var(--meeting-link, var(--_t-link, #9ecbff));
    --_danger: var(--meeting-danger, var(--_t-danger, #cc3338));
    --_danger-fg: var(--meeting-danger-fg, var(--_t-danger-fg, #ffb4b4));
    --_warning-bg: var(--meeting-warning-bg, var(--_t-warning-bg, rgb(255 200 0 / 0.15)));
    --_hand: var(--meeting-hand, var(--_t-hand, #f5b400));
    --_speaking: var(--meeting-speaking, var(--_t-speaking, #3ddc84));
    --_radius: var(--meeting-radius, 10px);
    --_font: var(--meeting-font, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', sans-serif);
    font-family: var(--_font);
    color: var(--_fg);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  input[type='text'],
  input[type='search'],
  input[type='password'],
  input:not([type]) {
    font: inherit;
    padding: 0.5rem 0.7rem;
    border-radius: 8px;
    border: 1px solid var(--_muted);
    background: var(--_bg);
    color: var(--_fg);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

const light = css`
  --_t-bg: #f4f6f8;
  --_t-surface: #ffffff;
  --_t-fg: #15191e;
  --_t-muted: #56606c;
  --_t-line: rgb(0 0 0 / 0.14);
  --_t-accent: #1a5fc9;
  --_t-link: #0b4fb3;
  --_t-danger: #c0272d;
  --_t-danger-fg: #a3161c;
  --_t-warning-bg: #fff1c2;
  --_t-hand: #a86f00;
  --_t-speaking: #188a48;
  color-scheme: light;
`;

/**
 * The host's `theme` attribute: `dark` (the default), `light`, or `auto` (follows the system's
 * prefers-color-scheme). The palette flows to the children as inherited custom properties.
 */
export const themes = css`
  :host {
    color-scheme: dark;
  }
  :host([theme='light']) {
    ${light}
  }
  @media (prefers-color-scheme: light) {
    :host([theme='auto']) {
      ${light}
    }
  }
`;
