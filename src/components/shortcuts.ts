/** What a keyboard shortcut does in the meeting. */
export type ShortcutAction = 'mic' | 'camera' | 'hand' | 'panel' | 'leave';

/** Alt + a letter (by physical key, so that macOS's Option letters still match), as `aria-keyshortcuts` says it. */
export const SHORTCUTS: Readonly<Record<ShortcutAction, { readonly code: string; readonly keys: string }>> = Object.freeze({
  mic: { code: 'KeyM', keys: 'Alt+M' },
  camera: { code: 'KeyV', keys: 'Alt+V' },
  hand: { code: 'KeyH', keys: 'Alt+H' },
  panel: { code: 'KeyP', keys: 'Alt+P' },
  leave: { code: 'KeyL', keys: 'Alt+L' },
});

export interface KeyPress {
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly repeat?: boolean;
  /** Focus is in a text field, where keys belong to the typing. */
  readonly typing: boolean;
}

/** The shortcut a key press asks for, if any. */
export function shortcutOf(key: KeyPress): ShortcutAction | undefined {
  if (!key.altKey || key.ctrlKey || key.metaKey || key.shiftKey || key.repeat || key.typing) return undefined;
  return (Object.keys(SHORTCUTS) as ShortcutAction[]).find((a) => SHORTCUTS[a].code === key.code);
}

/** Whether an element (the first of an event's composed path) takes typed text. */
export function takesText(el: EventTarget | undefined): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(el.type);
}

/** `Microphone (Alt+M)`: a button's tooltip. */
export const withKeys = (label: string, action: ShortcutAction) => `${label} (${SHORTCUTS[action].keys})`;
