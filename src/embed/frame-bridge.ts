/**
 * The frame side of the iframe API, loaded by `/embed` next to the element bundle. It takes
 * commands only from the window that frames it, and only when that window's origin is one the
 * server allows for the meeting's tenant (the page lists them); it answers and forwards the
 * element's events to that origin alone, never to '*'.
 */
import { FRAME_API_VERSION, FRAME_ORIGINS_ELEMENT_ID, FRAME_READY, allowedOrigins, checkCommand, fromAllowedParent, type FrameEvent, type FrameReply } from '../protocol/frame-api.js';
import { ErrorCode } from '../protocol/errors.js';
import { cloneable } from './cloneable.js';
import { FrameCommandError, runCommand, type FramedRoom } from './frame-commands.js';

/** Events before the parent's first command are kept for it: the latest this many. */
const EARLY_EVENTS_MAX = 100;

function readAllowed(): string[] {
  try {
    const listed: unknown = JSON.parse(document.getElementById(FRAME_ORIGINS_ELEMENT_ID)?.textContent ?? '[]');
    return Array.isArray(listed) ? allowedOrigins(listed.filter((s): s is string => typeof s === 'string'), location.origin) : [];
  } catch {
    return [];
  }
}

export function startBridge(room: FramedRoom, allowed: readonly string[]): void {
  const parent = window.parent;
  if (parent === window) return;
  /** The parent's origin, known from its first accepted command. */
  let parentOrigin: string | undefined;
  const early: FrameEvent[] = [];

  const post = (message: FrameEvent | FrameReply, origin: string) => {
    try {
      parent.postMessage(message, origin);
    } catch (err) {
      console.warn('meeting frame: could not post', message.type, err);
    }
  };
  const emit = (name: string, data: unknown) => {
    const event: FrameEvent = { v: FRAME_API_VERSION, type: 'event', name, data: cloneable(data) ?? null };
    if (parentOrigin) post(event, parentOrigin);
    else if (early.push(event) > EARLY_EVENTS_MAX) early.shift();
  };

  // Every `meeting-*` event the element dispatches on itself, whatever it is: the element gains
  // events over time, and no list here has to follow. (Listeners cannot subscribe to "any type".)
  const dispatch = room.dispatchEvent.bind(room);
  room.dispatchEvent = (event: Event) => {
    const result = dispatch(event);
    if (event.type.startsWith('meeting-') && event instanceof CustomEvent) emit(event.type, event.detail);
    return result;
  };

  window.addEventListener('message', (e: MessageEvent) => {
    if (!fromAllowedParent(e, parent, allowed)) {
      if (e.data?.type === 'command') console.warn(`meeting frame: ignored a command from ${e.origin}, not the allowed parent`);
      return;
    }
    const checked = checkCommand(e.data);
    if (!checked.ok && checked.id === undefined) return;
    if (parentOrigin === undefined) {
      parentOrigin = e.origin;
      for (const event of early.splice(0)) post(event, parentOrigin);
    }
    const origin = e.origin;
    const reply = (body: { ok: true; result: unknown } | { ok: false; error: { code: number; message: string } }, id: string) =>
      post({ v: FRAME_API_VERSION, type: 'reply', id, ...body } as FrameReply, origin);
    if (!checked.ok) return reply({ ok: false, error: checked.error }, checked.id!);
    const { id, name, args } = checked.command;
    runCommand(room, name, args).then(
      (result) => reply({ ok: true, result: cloneable(result) ?? null }, id),
      (err: unknown) =>
        reply({ ok: false, error: err instanceof FrameCommandError ? err.toJSON() : { code: ErrorCode.INTERNAL, message: err instanceof Error ? err.message : String(err) } }, id),
    );
  });

  // Posted to each allowed origin: only the one the parent really has receives it.
  void customElements.whenDefined('meeting-room').then(() => {
    for (const origin of allowed) post({ v: FRAME_API_VERSION, type: 'event', name: FRAME_READY, data: { version: FRAME_API_VERSION } }, origin);
  });
}

const room = document.querySelector('meeting-room') as FramedRoom | null;
if (room) startBridge(room, readAllowed());
