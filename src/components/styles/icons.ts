import { svg } from 'lit';

/** Inline icons (24×24, currentColor): no icon font or emoji font needed on the page. */
const icon = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`);
export const micOffIcon = icon(svg`<path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 5 2.2M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3M3 3l18 18"/>`);
export const cameraIcon = icon(svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="m16 10 6-3v10l-6-3"/>`);
export const cameraOffIcon = icon(svg`<path d="M10 6h4a2 2 0 0 1 2 2v4m0 4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2M16 10l6-3v10l-4-2M3 3l18 18"/>`);
export const screenIcon = icon(svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`);
export const leaveIcon = icon(svg`<path d="M10 17l-5-5 5-5M5 12h11M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4"/>`);
export const handIcon = icon(svg`<path d="M7 11V6a1.5 1.5 0 0 1 3 0v5M10 10V4.5a1.5 1.5 0 0 1 3 0V10M13 10V5.5a1.5 1.5 0 0 1 3 0V12M16 9.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-1a6 6 0 0 1-5-2.7L3.5 15a1.5 1.5 0 0 1 2.5-1.7L7 14.5"/>`);
export const peopleIcon = icon(svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6.5 6.5 0 0 1 3.5 6"/>`);
export const lockIcon = icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`);
export const moreIcon = icon(svg`<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="19" cy="12" r="1.5"/>`);
export const pinIcon = icon(svg`<path d="M9 4h6l-1 6 4 4H6l4-4-1-6M12 14v7"/>`);
export const chatIcon = icon(svg`<path d="M4 5h16v11H9l-5 4z"/>`);
export const settingsIcon = icon(svg`<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1"/>`);
export const recordIcon = icon(svg`<circle cx="12" cy="12" r="6" fill="currentColor"/>`);
export const statsIcon = icon(svg`<path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/>`);

/** Signal bars: as many filled as the connection is good (excellent 3, good 2, poor 1, lost 0). */
export function signalIcon(bars: number) {
  const bar = (n: number, x: number, h: number) => svg`<rect x=${x} y=${20 - h} width="4" height=${h} rx="1" fill=${bars >= n ? 'currentColor' : 'none'}/>`;
  return icon(svg`${bar(1, 3, 6)}${bar(2, 10, 11)}${bar(3, 17, 16)}`);
}
