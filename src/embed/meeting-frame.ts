import { CONTROL_ACTIONS, type ActionArgs, type ControlAction } from '../protocol/control-actions.js';
import { ErrorCode } from '../protocol/errors.js';
import { FRAME_API_VERSION, FRAME_READY, parseFrameMessage, type FrameCommandArgs, type FrameCommandName, type FrameCommandResult, type FrameReply } from '../protocol/frame-api.js';

/** What the frame is given: where the meeting server is, and the join link's parameters (as in `/join?…`). */
export interface MeetingFrameOptions {
  /** The meeting server's origin (`https://meet.example`); defaults to where this script was loaded from. */
  server?: string;
  /** Meeting code, or `rd` for a persistent room. */
  code?: string;
  rd?: string;
  /** The display name to join with. */
  name?: string;
  /** `en` or `zh-CN`. */
  lang?: string;
  /** Start with the microphone / camera off (`false`), or listen only. */
  audio?: boolean;
  video?: boolean;
  listenOnly?: boolean;
  /** Further join-link parameters (e.g. `sign` from portal sign-on). */
  params?: Record<string, string>;
  /** How long a command may take before it fails with 3102; `join` waits up to `joinTimeoutMs` (a waiting room is slow). */
  timeoutMs?: number;
  joinTimeoutMs?: number;
  /** The frame's accessible name. */
  title?: string;
}

/** A refused or failed command: `code` is one of the SPEC error codes (3102: the frame did not answer). */
export class MeetingFrameError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'MeetingFrameError';
  }
}

/** What the frame needs to use the camera, the microphone, screen sharing, sound and the clipboard. */
export const FRAME_ALLOW = 'camera; microphone; display-capture; autoplay; clipboard-write';

type Listener = (data: any, name: string) => void;
type HostMethods = { readonly [N in ControlAction['action']]: (...args: ActionArgs<N>) => Promise<true> };
interface Pending {
  resolve(result: unknown): void;
  reject(err: MeetingFrameError): void;
  timer: ReturnType<typeof setTimeout>;
}

const scriptOrigin = (() => {
  const src = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null)?.src : undefined;
  return src ? new URL(src).origin : undefined;
})();

function embedUrl(server: string, o: MeetingFrameOptions): string {
  const url = new URL('/embed', server);
  const set = (key: string, value: string | undefined) => value !== undefined && value !== '' && url.searchParams.set(key, value);
  for (const [key, value] of Object.entries(o.params ?? {})) set(key, value);
  set('code', o.code);
  set('rd', o.rd);
  set('name', o.name);
  set('lang', o.lang);
  if (o.audio === false) set('a', '0');
  if (o.video === false) set('v', '0');
  if (o.listenOnly) set('lo', '1');
  return url.toString();
}

/**
 * A meeting in an iframe of this page, driven through the frame's postMessage API (in the manner
 * of Jitsi's external API and Daily's `createFrame`). Every command answers a promise; the
 * element's `meeting-*` events arrive through `on()`. Messages are taken only from the frame, and
 * only with the meeting server's origin; commands are posted to that origin alone.
 */
export class MeetingFrame {
  readonly iframe: HTMLIFrameElement;
  /** Resolves once the frame listens for commands. */
  readonly ready: Promise<void>;
  /** Host and co-host actions (the registry's, as `controller.host.*`); the server decides. */
  readonly host: HostMethods;
  private readonly origin: string;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Map<string, Pending>();
  private markReady!: () => void;
  private nextId = 1;
  private destroyed = false;

  static create(container: HTMLElement | string, options: MeetingFrameOptions = {}): MeetingFrame {
    const parent = typeof container === 'string' ? document.querySelector<HTMLElement>(container) : container;
    if (!parent) throw new MeetingFrameError(ErrorCode.INVALID_PARAMETER, `no element ${String(container)} to put the meeting in`);
    return new MeetingFrame(parent, options);
  }

  private constructor(
    container: HTMLElement,
    private readonly options: MeetingFrameOptions,
  ) {
    this.origin = new URL(options.server ?? scriptOrigin ?? location.origin).origin;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.host = Object.fromEntries(CONTROL_ACTIONS.map((name) => [name, (...args: unknown[]) => this.command(`host.${name}`, ...(args as never))])) as unknown as HostMethods;
    window.addEventListener('message', this.onMessage);
    const iframe = document.createElement('iframe');
    iframe.allow = FRAME_ALLOW;
    iframe.allowFullscreen = true;
    iframe.title = options.title ?? 'Meeting';
    iframe.style.cssText = 'width:100%;height:100%;border:0';
    iframe.src = embedUrl(this.origin, options);
    container.append(iframe);
    this.iframe = iframe;
  }

  join(name?: string): Promise<null> {
    return this.command('join', ...((name === undefined ? [] : [name]) as FrameCommandArgs['join']));
  }
  leave(): Promise<null> {
    return this.command('leave');
  }
  /** On (`true`), off (`false`), or the other way; answers whether it is on now. */
  toggleMic(on?: boolean): Promise<boolean> {
    return this.command('toggleMic', ...((on === undefined ? [] : [on]) as FrameCommandArgs['toggleMic']));
  }
  toggleCamera(on?: boolean): Promise<boolean> {
    return this.command('toggleCamera', ...((on === undefined ? [] : [on]) as FrameCommandArgs['toggleCamera']));
  }
  toggleShare(on?: boolean): Promise<boolean> {
    return this.command('toggleShare', ...((on === undefined ? [] : [on]) as FrameCommandArgs['toggleShare']));
  }
  raiseHand(raised = true): Promise<boolean> {
    return this.command('raiseHand', raised);
  }
  sendChat(text: string, opts?: { to?: string | null }): Promise<true> {
    return this.command('sendChat', ...((opts === undefined ? [text] : [text, opts]) as FrameCommandArgs['sendChat']));
  }
  react(emoji: FrameCommandArgs['react'][0]): Promise<true> {
    return this.command('react', emoji);
  }
  /** App data to everyone or `to` (identities) on `topic`: a JSON value, or bytes. */
  sendAppData(data: unknown, opts?: FrameCommandArgs['sendAppData'][1]): Promise<true> {
    return this.command('sendAppData', ...((opts === undefined ? [data] : [data, opts]) as FrameCommandArgs['sendAppData']));
  }
  /** A file into the chat (to everyone, or privately `to` one identity); answers once it all went. */
  sendFile(file: Blob, opts?: FrameCommandArgs['sendFile'][1]): Promise<true> {
    return this.command('sendFile', ...((opts === undefined ? [file] : [file, opts]) as FrameCommandArgs['sendFile']));
  }
  /** Local recording in the frame (2103 when the host does not allow it). */
  startRecording(): Promise<null> {
    return this.command('startRecording');
  }
  pauseRecording(): Promise<null> {
    return this.command('pauseRecording');
  }
  resumeRecording(): Promise<null> {
    return this.command('resumeRecording');
  }
  /** Stops and answers the recording, a WebM Blob. */
  stopRecording(): Promise<Blob> {
    return this.command('stopRecording');
  }
  getSnapshot(): Promise<Record<string, unknown>> {
    return this.command('getSnapshot');
  }

  /** Sends any command of the protocol (src/protocol/frame-api.ts); rejects with a MeetingFrameError. */
  async command<N extends FrameCommandName>(name: N, ...args: FrameCommandArgs[N]): Promise<FrameCommandResult<N>> {
    if (this.destroyed) throw new MeetingFrameError(ErrorCode.FRAME_TIMEOUT, 'the meeting frame was destroyed');
    const id = `c${this.nextId++}`;
    // A join waits for the person, a file for its bytes: those get the long wait.
    const ms = name === 'join' || name === 'sendFile' || name === 'stopRecording' ? (this.options.joinTimeoutMs ?? 300_000) : (this.options.timeoutMs ?? 15_000);
    return new Promise<FrameCommandResult<N>>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new MeetingFrameError(ErrorCode.FRAME_TIMEOUT, `the meeting frame did not answer "${name}" within ${ms} ms`)), ms);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      void this.ready.then(() => {
        if (this.pending.has(id)) this.iframe.contentWindow?.postMessage({ v: FRAME_API_VERSION, type: 'command', id, name, args }, this.origin);
      });
    });
  }

  /** Listens to an event: `ready`, or any `meeting-*` event of the element (`meeting-joined` …); `*` for all. */
  on(name: string, listener: Listener): this {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
    return this;
  }

  off(name: string, listener: Listener): this {
    this.listeners.get(name)?.delete(listener);
    return this;
  }

  /** Removes the frame (leaving the meeting with it); pending commands fail with 3102. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('message', this.onMessage);
    for (const id of [...this.pending.keys()]) this.settle(id, new MeetingFrameError(ErrorCode.FRAME_TIMEOUT, 'the meeting frame was destroyed'));
    this.iframe.remove();
    this.listeners.clear();
  }

  private settle(id: string, outcome: MeetingFrameError | { result: unknown }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof MeetingFrameError) pending.reject(outcome);
    else pending.resolve(outcome.result);
  }

  private onReply(reply: FrameReply): void {
    this.settle(reply.id, reply.ok ? { result: reply.result } : new MeetingFrameError(reply.error.code, reply.error.message));
  }

  private readonly onMessage = (e: MessageEvent): void => {
    if (e.source !== this.iframe.contentWindow || e.origin !== this.origin) return;
    const message = parseFrameMessage(e.data);
    if (!message) return;
    if (message.type === 'reply') return this.onReply(message);
    if (message.name === FRAME_READY) {
      this.markReady();
      // Any command tells the frame where to post its events; this one makes sure there is one.
      this.command('hello').catch(() => undefined);
    }
    for (const key of [message.name, '*']) {
      for (const listener of [...(this.listeners.get(key) ?? [])]) {
        try {
          listener(message.data, message.name);
        } catch (err) {
          console.error('meeting frame: a listener of', message.name, 'threw', err);
        }
      }
    }
  };
}
