import { css } from 'lit';

/**
 * Design tokens: every element reads these custom properties, so a page themes the whole family
 * by setting them on `<meeting-room>` (or any ancestor).
 */
export const tokens = css`
  :host {
    --_bg: var(--meeting-bg, #111418);
    --_surface: var(--meeting-surface, #1d2127);
    --_fg: var(--meeting-fg, #f2f4f7);
    --_muted: var(--meeting-muted-fg, #a8b0bb);
    --_accent: var(--meeting-accent, #1a66d9);
    --_danger: var(--meeting-danger, #cc3338);
    --_speaking: var(--meeting-speaking, #3ddc84);
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
