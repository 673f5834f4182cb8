import type { MeetingController } from '../client/meeting-controller.js';
import type { MeetingSnapshot } from '../client/snapshot.js';
import type { AppDataOptions } from '../protocol/app-data.js';
import type { ControlAction } from '../protocol/control-actions.js';
import type { Emoji } from '../protocol/reactions.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import { FRAME_API_VERSION, type BaseCommandName, type FrameCommandName, type FrameError } from '../protocol/frame-api.js';
import { cloneable } from './cloneable.js';

/** What the bridge drives: `<meeting-room>`, seen through what the commands use of it. */
export interface FramedRoom extends HTMLElement {
  controller: MeetingController;
  snapshot: MeetingSnapshot;
  join(name?: string): Promise<void>;
  leave(): Promise<void>;
  toggleMic(on?: boolean): Promise<boolean>;
  toggleCamera(on?: boolean): Promise<boolean>;
  toggleShare(on?: boolean): Promise<boolean>;
  raiseHand(on?: boolean): Promise<boolean>;
  react(emoji: Emoji): Promise<boolean>;
  sendAppData(data: unknown, opts?: AppDataOptions): Promise<void>;
  sendFile(file: Blob, opts?: { to?: string | null }): Promise<boolean>;
  startRecording(): Promise<void>;
  pauseRecording(): Promise<void>;
  resumeRecording(): Promise<void>;
  stopRecording(): Promise<Blob>;
}

/** A command that ran and failed, with the code the reply carries. */
export class FrameCommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toJSON(): FrameError {
    return { code: this.code, message: this.message };
  }
}

type Run = (room: FramedRoom, args: unknown[]) => Promise<unknown>;

const inMeeting = (s: MeetingSnapshot) => s.phase === 'connected' || s.phase === 'reconnecting';

/**
 * Runs `act`, and when the controller reports a refusal meanwhile (it answers `false` and emits
 * `error`), throws that refusal with its code: the reply tells the portal why.
 */
async function refusalsOf<T>(controller: MeetingController, act: () => Promise<T>, failed: (result: T) => boolean, otherwise = 'refused'): Promise<T> {
  let refusal: ErrorInfo | undefined;
  const off = controller.on('error', (e) => (refusal ??= e.detail));
  try {
    const result = await act();
    if (failed(result)) throw new FrameCommandError(refusal?.code ?? ErrorCode.INTERNAL, refusal?.msg ?? otherwise);
    return result;
  } finally {
    off();
  }
}

/** The element's promise methods reject with `{code, msg}` (MeetingClientError): the reply carries that code. */
async function typed<T>(act: Promise<T>): Promise<T> {
  try {
    return await act;
  } catch (err) {
    const e = err as { code?: unknown; msg?: unknown; message?: unknown };
    throw new FrameCommandError(typeof e?.code === 'number' ? e.code : ErrorCode.INTERNAL, String(e?.msg ?? e?.message ?? err));
  }
}

/** Until the pre-join screen could join (the link is resolved: I am known); a failure to resolve it throws its error. */
function joinable(c: MeetingController): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = c.snapshot;
      if (s.phase === 'idle' || (s.phase === 'prejoin' && !s.me)) return;
      off();
      if (s.phase === 'prejoin') resolve();
      else reject(new FrameCommandError(s.error?.code ?? ErrorCode.NOT_SUPPORTED, s.error?.msg ?? `cannot join while ${s.phase}`));
    };
    const off = c.on('change', check);
    check();
  });
}

function needMeeting(room: FramedRoom, what: string): void {
  if (!inMeeting(room.controller.snapshot)) throw new FrameCommandError(ErrorCode.MEMBER_NOT_IN_MEETING, `${what}: join first`);
}

/** The one table from a command to what it calls on the element (and its controller). */
const BASE = {
  hello: async () => ({ version: FRAME_API_VERSION }),
  join: async (room, [name]) => {
    await joinable(room.controller);
    await refusalsOf(room.controller, () => room.join(name as string | undefined), () => !inMeeting(room.controller.snapshot));
    return null;
  },
  leave: async (room) => {
    await room.leave();
    return null;
  },
  toggleMic: (room, [on]) => typed(room.toggleMic(on as boolean | undefined)),
  toggleCamera: (room, [on]) => typed(room.toggleCamera(on as boolean | undefined)),
  toggleShare: (room, [on]) => typed(room.toggleShare(on as boolean | undefined)),
  raiseHand: (room, [raised]) => typed(room.raiseHand((raised as boolean | undefined) ?? true)),
  sendChat: async (room, [text, opts]) => {
    needMeeting(room, 'sendChat');
    await refusalsOf(room.controller, () => room.controller.sendChat(text as string, (opts as { to?: string | null }) ?? {}), (ok) => !ok);
    return true;
  },
  react: async (room, [emoji]) => {
    needMeeting(room, 'react');
    await refusalsOf(room.controller, () => room.react(emoji as Emoji), (ok) => !ok);
    return true;
  },
  sendAppData: async (room, [data, opts]) => {
    await typed(room.sendAppData(data, (opts as AppDataOptions | undefined) ?? {}));
    return true;
  },
  sendFile: async (room, [file, opts]) => {
    needMeeting(room, 'sendFile');
    await refusalsOf(room.controller, () => room.sendFile(file as Blob, (opts as { to?: string | null } | undefined) ?? {}), (ok) => !ok, 'the transfer was cancelled');
    return true;
  },
  startRecording: async (room) => {
    await typed(room.startRecording());
    return null;
  },
  pauseRecording: async (room) => {
    await typed(room.pauseRecording());
    return null;
  },
  resumeRecording: async (room) => {
    await typed(room.resumeRecording());
    return null;
  },
  stopRecording: (room) => typed(room.stopRecording()),
  getSnapshot: async (room) => cloneable(room.controller.snapshot),
} satisfies Record<BaseCommandName, Run>;
/** Runs a checked command; a failure throws a FrameCommandError. */
export async function runCommand(room: FramedRoom, name: FrameCommandName, args: unknown[]): Promise<unknown> {
  if (name.startsWith('host.')) {
    needMeeting(room, name);
    const action = name.slice('host.'.length) as ControlAction['action'];
    const host = room.controller.host as unknown as Record<string, (...a: unknown[]) => Promise<boolean>>;
    await refusalsOf(room.controller, () => host[action]!(...args), (ok) => !ok);
    return true;
  }
  const run = Object.hasOwn(BASE, name) ? BASE[name as BaseCommandName] : undefined;
  if (!run) throw new FrameCommandError(ErrorCode.NOT_SUPPORTED, `unknown command "${name}"`);
  return run(room, args);
}
