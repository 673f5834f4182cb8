import { DisconnectReason, Room, type RoomEventCallbacks } from 'livekit-client';
import type { ControlAction } from '../protocol/control-actions.js';
import type { SelfAction } from '../protocol/control.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import { hostActions, type HostActions } from './host-actions.js';
import { MeetingClientError } from './join-api.js';
import { LocalMedia } from './local-media.js';
import { httpMeetingApi, type MeetingApi, type Seat } from './meeting-api.js';
import { Moderation } from './moderation.js';
import { Notices } from './notices.js';
import { ROOM_CHANGES, listen, type MeetingPart, type PartHost } from './part.js';
import { Participants } from './participants.js';
import { Preview } from './preview.js';
import { Session, type JoinSource } from './session.js';
import { SnapshotStore } from './snapshot-store.js';
import { initialSnapshot, type MeetingSnapshot } from './snapshot.js';

export type { JoinSource };

export interface MeetingControllerEventMap {
  change: CustomEvent<MeetingSnapshot>;
  joined: CustomEvent<MeetingSnapshot>;
  left: CustomEvent<{ reason: string }>;
  error: CustomEvent<ErrorInfo>;
}

export interface MeetingControllerOptions {
  /** The meeting server's calls; a fake in tests. */
  api?: MeetingApi;
}

/**
 * The framework-free meeting controller over livekit-client: the one object elements talk to.
 * It owns the Room and the phase, and composes the parts (session, moderation, preview, local
 * media, participants, notices), each of which owns a slice of ONE immutable snapshot, replaced on
 * every change (`change` event).
 */
export class MeetingController extends EventTarget {
  private readonly store = new SnapshotStore((snapshot) => this.emit('change', snapshot));
  private liveRoom?: Room;
  private unwire?: () => void;
  private leaving = false;
  private readonly api: MeetingApi;
  private readonly notices: Notices;
  private readonly session: Session;
  private readonly moderation: Moderation;
  private readonly preview: Preview;
  private readonly media: LocalMedia;
  private readonly participants: Participants;
  /**
   * The parts wired to each Room, in this order (moderation before local media: the permission
   * retry reads the `allowed` moderation has just read). Chat, layout/visibility and devices come
   * here next, each a part with its own slice.
   */
  private readonly parts: readonly MeetingPart[];
  /** Host and co-host actions; the server refuses them for anyone else (2100). */
  readonly host: HostActions = hostActions((action) => this.control(action));

  constructor(options: MeetingControllerOptions = {}) {
    super();
    this.api = options.api ?? httpMeetingApi;
    const context = this.partHost();
    this.notices = new Notices(context);
    this.session = new Session(context, this.api);
    this.moderation = new Moderation(context, this.api, () => this.session.seat, this.notices);
    this.preview = new Preview(context, this.notices);
    this.media = new LocalMedia(context, this.notices, () => this.requestShare(true));
    this.participants = new Participants(context);
    this.parts = [this.session, this.moderation, this.media, this.participants];
  }

  get snapshot(): MeetingSnapshot {
    return this.store.current;
  }

  /** The LiveKit room, once prepared. */
  get room(): Room | undefined {
    return this.liveRoom;
  }

  /** The newest token, the bearer for the meeting server. */
  get token(): string {
    return this.session.token;
  }

  /** Typed listener; answers a function that removes it. */
  on<K extends keyof MeetingControllerEventMap>(type: K, listener: (ev: MeetingControllerEventMap[K]) => void): () => void {
    const l = listener as EventListener;
    this.addEventListener(type, l);
    return () => this.removeEventListener(type, l);
  }

  /**
   * The slow parts before the Join click: resolve the link into a token, warm the connection to
   * the SFU, and open the camera and microphone once (the same tracks are published at join).
   */
  async prepare(source: JoinSource, media: { audio: boolean; video: boolean }): Promise<void> {
    this.store.batch(() => {
      this.store.set({ phase: 'prejoin' });
      this.preview.open(media);
    });
    try {
      await this.session.prepare(source);
    } catch (err) {
      await this.preview.drop();
      this.fail(err);
      return;
    }
    this.session.warm(this.newRoom());
    await this.preview.show();
  }

  /** Pre-join: turn the camera preview on (opening the device) or off (releasing it). */
  setPreviewCamera(on: boolean): Promise<void> {
    return this.preview.set('camera', on);
  }

  /** Pre-join: turn the microphone on (opening it) or off (releasing it). */
  setPreviewMic(on: boolean): Promise<void> {
    return this.preview.set('mic', on);
  }

  /** Connects with the prepared token (after the waiting room, when there is one) and publishes the preview tracks. */
  async join(name?: string): Promise<void> {
    if (!this.session.prepared) throw new Error('prepare() first');
    if (this.snapshot.phase !== 'prejoin') return;
    this.store.set({ phase: 'connecting' });
    try {
      await this.session.renew(name);
      if (this.session.mustWait) {
        this.store.set({ phase: 'waiting' });
        await this.session.waitToBeAdmitted();
        this.store.set({ phase: 'connecting' });
      }
      await this.preview.devicesReady();
      const room = this.liveRoom ?? this.newRoom();
      await this.session.connect(room);
      // Show the meeting at once: others' video must not wait for our own publishing.
      this.store.batch(() => {
        this.store.set({ phase: 'connected', audioBlocked: !room.canPlaybackAudio });
        for (const part of this.parts) part.connected?.(room);
      });
      this.emit('joined', this.snapshot);
      await this.preview.publish(room);
    } catch (err) {
      if (this.leaving) return;
      this.fail(err, ErrorCode.CONNECTION_FAILED);
    }
  }

  async leave(): Promise<void> {
    this.leaving = true;
    this.session.stopWaiting();
    await this.liveRoom?.disconnect();
    this.preview.stop();
    if (this.snapshot.phase !== 'left') {
      this.store.set({ phase: 'left', leftReason: 'left' });
      this.emit('left', { reason: 'left' });
    }
  }

  toggleMic(): Promise<void> {
    return this.media.toggle('mic');
  }

  toggleCamera(): Promise<void> {
    return this.media.toggle('camera');
  }

  toggleScreenShare(): Promise<void> {
    return this.media.toggleScreenShare();
  }

  /** Raise or lower my hand (SPEC R6); the server orders hands by time. */
  setHand(raised: boolean): Promise<boolean> {
    return this.call((seat) => this.api.hand(seat, raised));
  }

  /** Rename myself (SPEC R8). */
  renameMe(name: string): Promise<boolean> {
    return this.self({ action: 'rename', name });
  }

  requestShare(on: boolean): Promise<boolean> {
    return this.self({ action: 'requestShare', on });
  }

  /** A host action; answers whether the server took it (a refusal becomes a notice and an `error`). */
  control(action: ControlAction): Promise<boolean> {
    return this.call((seat) => this.api.control(seat, action));
  }

  /** Re-reads the waiting room (moderators). */
  refreshWaiting(): Promise<void> {
    return this.moderation.refreshWaiting();
  }

  dismissNotice(id: number): void {
    this.notices.dismiss(id);
  }

  /** Resumes audio playback after a click when the browser's autoplay policy blocked it. */
  async startAudio(): Promise<void> {
    await this.liveRoom?.startAudio();
    this.store.set({ audioBlocked: !(this.liveRoom?.canPlaybackAudio ?? true) });
  }

  /** After leaving: back to the start, so that `prepare()` can run again (the Rejoin button). */
  reset(): void {
    this.preview.stop();
    this.dropRoom();
    this.leaving = false;
    this.store.batch(() => {
      for (const part of this.parts) part.reset?.();
      this.store.set(initialSnapshot);
    });
  }

  /** Leaves and releases everything. */
  async destroy(): Promise<void> {
    await this.leave();
    this.dropRoom();
  }

  private self(action: SelfAction): Promise<boolean> {
    return this.call((seat) => this.api.self(seat, action));
  }

  private async call(send: (seat: Seat) => Promise<unknown>): Promise<boolean> {
    try {
      const seat = this.session.seat;
      if (!seat) throw new MeetingClientError(ErrorCode.NOT_SUPPORTED, 'This needs the meeting server (join with a link, not a bare token)');
      await send(seat);
      return true;
    } catch (err) {
      const info: ErrorInfo = err instanceof MeetingClientError ? { code: err.code, msg: err.msg } : { code: ErrorCode.INTERNAL, msg: String(err) };
      this.notices.add({ type: 'action-failed', code: info.code, msg: info.msg });
      this.emit('error', info);
      return false;
    }
  }

  private newRoom(): Room {
    this.dropRoom();
    const room = new Room({ adaptiveStream: true, dynacast: true });
    const refresh = () => this.refresh();
    const wiring = [
      listen(room, Object.fromEntries(ROOM_CHANGES.map((event) => [event, refresh])) as Partial<RoomEventCallbacks>),
      listen(room, {
        audioPlaybackChanged: () => this.store.set({ audioBlocked: !room.canPlaybackAudio }),
        reconnecting: () => this.store.set({ phase: 'reconnecting' }),
        reconnected: () => this.store.set({ phase: 'connected' }),
        disconnected: (reason) => this.onDisconnected(reason),
      }),
      ...this.parts.map((part) => part.attach?.(room)),
    ];
    this.liveRoom = room;
    this.unwire = () => wiring.forEach((off) => off?.());
    return room;
  }

  private dropRoom(): void {
    this.unwire?.();
    this.unwire = undefined;
    this.liveRoom = undefined;
  }

  private onDisconnected(reason?: DisconnectReason): void {
    if (this.snapshot.phase === 'prejoin' || this.snapshot.phase === 'connecting') return;
    const why = this.leaving ? 'left' : disconnectReasonName(reason);
    this.preview.stop();
    this.store.batch(() => {
      this.participants.reset();
      this.store.set({ phase: 'left', leftReason: why });
    });
    this.emit('left', { reason: why });
  }

  private refresh(): void {
    const room = this.liveRoom;
    if (!room || (this.snapshot.phase !== 'connected' && this.snapshot.phase !== 'reconnecting')) return;
    this.store.batch(() => {
      for (const part of this.parts) part.refresh?.(room);
    });
  }

  private fail(err: unknown, fallback: ErrorCode = ErrorCode.INTERNAL): void {
    const error: ErrorInfo =
      err instanceof MeetingClientError
        ? { code: err.code, msg: err.msg, ...(err.startTime ? { startTime: err.startTime } : {}) }
        : { code: fallback, msg: err instanceof Error ? err.message : String(err) };
    this.preview.stop();
    void this.liveRoom?.disconnect();
    this.store.set({ phase: 'error', error });
    this.emit('error', error);
  }

  /** What every part is given: the snapshot to read, and its slice to replace. */
  private partHost(): PartHost<keyof MeetingSnapshot> {
    const store = this.store;
    return {
      get snapshot() {
        return store.current;
      },
      set: (change) => store.set(change),
      refresh: () => this.refresh(),
      error: (info) => this.emit('error', info),
    };
  }

  private emit<K extends keyof MeetingControllerEventMap>(type: K, detail: MeetingControllerEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function disconnectReasonName(reason?: DisconnectReason): string {
  if (reason === undefined) return 'unknown';
  return (DisconnectReason[reason] ?? String(reason)).toLowerCase();
}
