import type { DisconnectReason, Room, RoomEventCallbacks } from 'livekit-client';
import type { AppDataMessage, AppDataOptions, AppDataProgress } from '../protocol/app-data.js';
import type { ChatMessage } from '../protocol/chat.js';
import type { Emoji, Reaction } from '../protocol/reactions.js';
import type { ControlAction } from '../protocol/control-actions.js';
import type { SelfAction } from '../protocol/control.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import { MeetingStatus } from '../protocol/meeting-status.js';
import { AppData } from './app-data.js';
import { Chat } from './chat.js';
import { ChatFiles } from './chat-files.js';
import { Reactions } from './reactions.js';
import { hostActions, type HostActions } from './host-actions.js';
import { unsupportedReason } from './browser-support.js';
import { ConnectionWatch } from './connection-watch.js';
import { MeetingClientError } from './join-api.js';
import { loadLivekit, type Livekit } from './livekit-loader.js';
import { LocalMedia } from './local-media.js';
import { LocalRecording, recordingFileName } from './local-recording.js';
import type { ViewSource } from './recording-media.js';
import type { MeetingApi, Seat } from './meeting-api.js';
import { socketMeetingApi } from './meeting-socket.js';
import { DeviceSettings } from './device-settings.js';
import { Moderation } from './moderation.js';
import { Notices } from './notices.js';
import { ROOM_CHANGES, listen, type MeetingPart, type PartHost } from './part.js';
import { Participants } from './participants.js';
import { Preview } from './preview.js';
import { Session, type JoinSource } from './session.js';
import type { LayoutMode } from './layout.js';
import { SnapshotStore } from './snapshot-store.js';
import { Stats } from './stats.js';
import { initialSnapshot, QUALITY_CHOICES, type DeviceKind, type MeetingSnapshot, type VideoQualityChoice } from './snapshot.js';
import { View } from './view.js';

export type { JoinSource };

/** How long a pause in typing the name is before its grant is asked for. */
const NAME_PAUSE_MS = 400;

export interface MeetingControllerEventMap {
  change: CustomEvent<MeetingSnapshot>;
  /** A message from someone else reached me. */
  chat: CustomEvent<ChatMessage>;
  /** A reaction, anyone's (mine too), as the server relayed it. */
  reaction: CustomEvent<Reaction>;
  'app-data': CustomEvent<AppDataMessage>;
  /** How far a byte stream of app data to me has arrived. */
  'app-data-progress': CustomEvent<AppDataProgress>;
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
 * media, participants, notices, view, devices), each of which owns a slice of ONE immutable
 * snapshot, replaced on every change (`change` event).
 */
export class MeetingController extends EventTarget {
  private readonly store = new SnapshotStore((snapshot) => this.emit('change', snapshot));
  private liveRoom?: Room;
  /** livekit-client once loaded (it starts loading with the pre-join screen). */
  private lk?: Livekit;
  private unwire?: () => void;
  private leaving = false;
  /** The SFU answered this join (the people and their tracks are known): the parts may read the room. */
  private signalled = false;
  private nameTimer?: ReturnType<typeof setTimeout>;
  /** The join under way, up to its first publish: the API's toggles wait for it (the portal may click at once). */
  private publishing: Promise<void> = Promise.resolve();
  private readonly api: MeetingApi;
  private readonly notices: Notices;
  private readonly session: Session;
  private readonly moderation: Moderation;
  private readonly preview: Preview;
  private readonly media: LocalMedia;
  private readonly participants: Participants;
  private readonly view: View;
  private readonly chatPart: Chat;
  private readonly files: ChatFiles;
  private readonly reactions: Reactions;
  private readonly appData: AppData;
  private readonly devices: DeviceSettings;
  private readonly stats: Stats;
  private readonly recorder: LocalRecording;
  /**
   * The parts wired to each Room, in this order (moderation before local media: the permission
   * retry reads the `allowed` moderation has just read).
   */
  private readonly parts: readonly MeetingPart[];
  /** Host and co-host actions; the server refuses them for anyone else (2100). */
  readonly host: HostActions = hostActions((action) => this.control(action));

  constructor(options: MeetingControllerOptions = {}) {
    super();
    this.api = options.api ?? socketMeetingApi();
    const context = this.partHost();
    this.notices = new Notices(context);
    // A host muted me: the page turns it off at once (LiveKit's mute, which holds, follows).
    this.session = new Session(context, this.api, (push) => void this.media.toggle(push.source === 'microphone' ? 'mic' : 'camera', false));
    this.moderation = new Moderation(context, this.api, () => this.session.seat, this.notices, (hint) => {
      // The host forbade local recording: the server has already taken my mark away.
      if (hint.type === 'recording-stopped') void this.recorder.stop(false);
    });
    this.preview = new Preview(context, this.notices);
    this.media = new LocalMedia(context, this.notices, () => this.requestShare(true));
    this.participants = new Participants(context);
    this.view = new View(context);
    this.chatPart = new Chat(context, this.api, () => this.session.seat, (message) => {
      this.files.announcement(message);
      this.emit('chat', message);
    });
    this.files = new ChatFiles(context, (seat, body) => this.chatPart.send(seat, body));
    this.reactions = new Reactions(context, this.api, (reaction) => this.emit('reaction', reaction));
    this.appData = new AppData((message) => this.emit('app-data', message), (progress) => this.emit('app-data-progress', progress));
    this.devices = new DeviceSettings(context);
    this.stats = new Stats(context);
    this.recorder = new LocalRecording(context, (on) => this.tellRecording(on));
    // The view after the people and the policy: its layout is derived from both.
    this.parts = [this.session, this.moderation, this.media, this.participants, this.view, this.devices, this.stats, this.recorder, this.chatPart, this.files, this.reactions, this.appData, new ConnectionWatch(this.notices)];
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
   * The slow parts before the Join click: resolve the link into a token and open the camera and
   * microphone once (the same devices are published at join), while livekit-client loads.
   */
  async prepare(source: JoinSource, media: { audio: boolean; video: boolean }): Promise<void> {
    // Told before the pre-join, where the person would fill in a form that cannot work.
    const unsupported = unsupportedReason();
    if (unsupported) return this.fail(new MeetingClientError(ErrorCode.BROWSER_UNSUPPORTED, unsupported));
    if (source.kind === 'link' && !source.params.code && !source.params.rd) return this.fail(new MeetingClientError(ErrorCode.MISSING_PARAMETER, 'The link names no meeting: it needs a code or an rd'));
    // Needed at the Join click, which may come as soon as the pre-join screen is up: it loads alongside it.
    loadLivekit().catch(() => undefined);
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
    await this.preview.show();
    await this.devices.list();
    // The connection warms once the pre-join screen is up, while the person reads it.
    whenIdle(() => void this.getReady());
  }

  /**
   * livekit-client loads and the connection to the SFU warms, so that the Join click waits for
   * neither: once the pre-join screen is up and the page idle, or sooner when the person moves
   * towards Join (the pre-join form has their focus or pointer).
   */
  async getReady(): Promise<void> {
    if (this.snapshot.phase !== 'prejoin' || !this.session.prepared || this.liveRoom) return;
    const lk = await loadLivekit().catch(() => undefined);
    if (!lk || this.liveRoom || this.snapshot.phase !== 'prejoin') return;
    this.session.warm(this.newRoom(lk));
  }

  /**
   * Pre-join: the person is typing their name. Once they pause, the grant with it is asked for, so
   * that the Join click does not wait for a second `POST /api/join` (a link without a name).
   */
  typingName(name: string): void {
    clearTimeout(this.nameTimer);
    if (this.snapshot.phase !== 'prejoin' || !this.session.prepared) return;
    this.nameTimer = setTimeout(() => {
      if (this.snapshot.phase === 'prejoin') void this.session.renewName(name).catch(() => undefined);
    }, NAME_PAUSE_MS);
  }

  /** Pre-join: turn the camera preview on (opening the device) or off (releasing it). */
  setPreviewCamera(on: boolean): Promise<void> {
    return this.preview.set('camera', on);
  }

  /** Pre-join: turn the microphone on (opening it) or off (releasing it). */
  setPreviewMic(on: boolean): Promise<void> {
    return this.preview.set('mic', on);
  }

  /** Chooses a camera, microphone or speaker: the preview or the meeting switches to it, and this browser remembers it. */
  chooseDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.devices.choose(kind, deviceId, this.inMeeting());
  }

  /** Front ↔ back camera (where there are two). */
  flipCamera(): Promise<void> {
    return this.devices.flip(this.inMeeting());
  }

  /** Audio-only mode (SPEC R2): my camera off and no video received, for a poor connection. */
  async setAudioOnly(on: boolean): Promise<void> {
    this.devices.setAudioOnly(on);
    if (on && this.inMeeting()) {
      await this.media.toggle('camera', false);
    } else if (on) {
      await this.preview.set('camera', false);
    }
    this.refresh();
  }

  /** Listen only → "join with audio": the server decides, and updates my permissions (SPEC J4). */
  async joinWithAudio(): Promise<boolean> {
    if (!this.snapshot.me?.listenOnly) return true;
    if (!(await this.self({ action: 'joinAudio' }))) return false;
    this.session.joinedWithAudio();
    await this.media.turnOnWhenAllowed('mic');
    return true;
  }

  /** Connects with the prepared token (after the waiting room, when there is one) and publishes the preview tracks. */
  async join(name?: string): Promise<void> {
    if (!this.session.prepared) throw new Error('prepare() first');
    if (this.snapshot.phase !== 'prejoin') return;
    clearTimeout(this.nameTimer);
    this.store.set({ phase: 'connecting', mediaConnecting: false });
    // What the page asks for meanwhile (its toggles) waits for the whole join, not only the connection.
    this.publishing = this.connectAndPublish(name);
    await this.publishing;
  }

  private async connectAndPublish(name?: string): Promise<void> {
    const livekit = loadLivekit();
    livekit.catch(() => undefined);
    try {
      await this.session.renew(name);
      if (this.session.mustWait) {
        this.store.set({ phase: 'waiting' });
        await this.session.waitToBeAdmitted();
        this.store.set({ phase: 'connecting', mediaConnecting: false });
      }
      // The devices may still be opening (a click as soon as Join shows): the connection does not wait for them, the publishing does.
      const devices = this.preview.devicesReady();
      const lk = await livekit;
      const room = this.liveRoom ?? this.newRoom(lk);
      this.signalled = false;
      const connecting = this.session.connect(room, this.view.subscribesAtJoin);
      this.enterWhileConnecting(room);
      await connecting;
      performance.mark('meeting:connected');
      // Others' video must not wait for our own publishing.
      this.store.batch(() => {
        this.store.set({ phase: 'connected', mediaConnecting: false, audioBlocked: !room.canPlaybackAudio });
        for (const part of this.parts) part.connected?.(room);
      });
      this.emit('joined', this.snapshot);
      await devices;
      await this.preview.publish(room, lk);
      performance.mark('meeting:published');
    } catch (err) {
      if (this.leaving) return;
      this.fail(err, ErrorCode.CONNECTION_FAILED);
    }
  }

  async leave(): Promise<void> {
    this.leaving = true;
    void this.recorder.stop(false);
    this.session.stopWaiting();
    await this.liveRoom?.disconnect();
    this.preview.stop();
    if (this.snapshot.phase !== 'left') {
      this.store.set({ phase: 'left', leftReason: 'left' });
      this.emit('left', { reason: 'left' });
    }
  }

  /** The toolbar's toggles: a refusal is told as a notice or an `error`, never thrown. */
  async toggleMic(): Promise<void> {
    await this.media.toggle('mic');
  }

  async toggleCamera(): Promise<void> {
    await this.media.toggle('camera');
  }

  async toggleScreenShare(): Promise<void> {
    await this.media.toggleScreenShare();
  }

  /**
   * Microphone on or off (`on` omitted: the other way), in the meeting or on the pre-join screen.
   * Resolves with whether it is on once it is; rejects with a `MeetingClientError` (2103 turned
   * off by the host, 2105 listen-only, 2101 not in the meeting, 3100 the device failed).
   */
  setMic(on?: boolean): Promise<boolean> {
    return this.setDevice('mic', on);
  }

  /** The camera, as `setMic`. */
  setCamera(on?: boolean): Promise<boolean> {
    return this.setDevice('camera', on);
  }

  /**
   * Screen share on or off (`on` omitted: the other way). Resolves with whether I share now: false
   * when the picker was cancelled, or when the host must approve first (the request is sent).
   */
  async setScreenShare(on?: boolean): Promise<boolean> {
    if (this.snapshot.phase === 'connecting') await this.publishing;
    rejectWith(await this.media.toggleScreenShare(on));
    return !!this.me()?.screenOn;
  }

  /** Raise or lower my hand (SPEC R6); the server orders hands by time. */
  setHand(raised: boolean): Promise<boolean> {
    return this.call((seat) => this.api.hand(seat, raised));
  }

  /**
   * My hand up or down (`on` omitted: the other way). Resolves with the hand asked for once the
   * server has taken it (the snapshot shows it a moment later); rejects with a `MeetingClientError`.
   */
  async raiseHand(on?: boolean): Promise<boolean> {
    const raised = on ?? this.me()?.handAt == null;
    rejectWith(await this.attempt((seat) => this.api.hand(seat, raised)));
    return raised;
  }

  /** Rename myself (SPEC R8). */
  renameMe(name: string): Promise<boolean> {
    return this.self({ action: 'rename', name });
  }

  requestShare(on: boolean): Promise<boolean> {
    return this.self({ action: 'requestShare', on });
  }

  /**
   * Records the meeting as I see it (the grid's videos and everyone's audio) in this browser, once
   * the server allowed it (SPEC R9): everyone sees that I record. Rejects with a `MeetingClientError`
   * (2103 the host does not allow it, 3003 the browser cannot record).
   */
  async startRecording(): Promise<void> {
    rejectWith(await this.attempt(() => this.recorder.start()));
  }

  pauseRecording(): void {
    this.recorder.pause();
  }

  resumeRecording(): void {
    this.recorder.resume();
  }

  /** Stops recording; resolves with the WebM recording (the last one when none runs). */
  async stopRecording(): Promise<Blob> {
    const blob = await this.recorder.stop();
    if (!blob) throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, 'Nothing was recorded');
    return blob;
  }

  /** Downloads the last recording as `meeting-<subject>-<date>.webm` (or `fileName`); false when there is none. */
  saveRecording(fileName?: string): boolean {
    return this.recorder.save(fileName ?? recordingFileName(this.snapshot.policy.subject || this.snapshot.meeting?.subject));
  }

  /** The grid on screen tells what a recording draws; answers what takes that back. */
  showRecordingView(view: ViewSource): () => void {
    this.recorder.view = view;
    return () => {
      if (this.recorder.view === view) this.recorder.view = () => undefined;
    };
  }

  /** A host action; answers whether the server took it (a refusal becomes a notice and an `error`). */
  control(action: ControlAction): Promise<boolean> {
    return this.call((seat) => this.api.control(seat, action));
  }

  /**
   * Writes in the chat, to everyone or (`to`) one person; answers whether the server took it (a
   * refusal, such as the host's chat policy, becomes a notice and an `error`).
   */
  sendChat(text: string, opts: { to?: string | null } = {}): Promise<boolean> {
    return this.call((seat) => this.chatPart.send(seat, { text, to: opts.to ?? null }));
  }

  /**
   * Sends a file in the chat, to everyone or (`to`) one person: announced to the server (which may
   * refuse it: the chat policy, the size limit), then streamed with its progress in `snapshot.files`.
   * Answers, once it all went, whether it did (false when refused, cancelled or failed; a refusal
   * or failure becomes a notice and an `error`).
   */
  async sendFile(file: Blob, opts: { to?: string | null } = {}): Promise<boolean> {
    let sent = false;
    const refused = await this.attempt(async (seat) => (sent = await this.files.send(seat, file, opts.to ?? null)));
    return !refused && sent;
  }

  /** Stops a file of the chat on its way (its id is its message's `file.stream`): one I send, for everyone; one I receive, for me. */
  cancelFile(id: string): void {
    this.files.cancel(id);
  }

  /** Reacts with one of `REACTIONS` (SPEC R6); answers whether the server took it (a refusal becomes a notice and an `error`). */
  react(emoji: Emoji): Promise<boolean> {
    return this.call((seat) => this.reactions.send(seat, emoji));
  }

  /** App data (SPEC R12) to everyone or `opts.to`; rejects with a `MeetingClientError` when it cannot be sent. */
  sendAppData(data: unknown, opts: AppDataOptions = {}): Promise<void> {
    return this.appData.send(data, opts);
  }

  /** The chat is on screen (or not): while it is, messages count as read. */
  setChatOpen(open: boolean): void {
    this.chatPart.setReading(open);
  }

  /** Gallery (everyone alike) or speaker view (who speaks large). */
  setLayout(mode: LayoutMode): void {
    this.view.change({ mode, page: 0 });
  }

  /** Pins a tile (an identity, or `identity:screen`) large for me; null unpins. A host's spotlight still wins. */
  pin(key: string | null): void {
    this.view.change({ pinned: key, page: 0 });
  }

  /** The quality I receive one tile's video in (SPEC R1), by tile key; `auto` follows the tile's size. */
  setVideoQuality(key: string, quality: VideoQualityChoice): void {
    if (!Object.hasOwn(QUALITY_CHOICES, quality)) return;
    const { [key]: _old, ...rest } = this.snapshot.view.quality;
    this.view.change({ quality: Object.freeze(quality === 'auto' ? rest : { ...rest, [key]: quality }) });
  }

  /** Shows another page of tiles (0 first). */
  showPage(page: number): void {
    this.view.change({ page: Math.max(0, Math.floor(page)) });
  }

  /** At most this many videos on screen at once (and received). */
  setMaxVideos(count: number): void {
    if (Number.isFinite(count) && count >= 1) this.view.change({ maxVideos: Math.floor(count) });
  }

  /** The grid tells its size: from then on only the videos it shows are received. */
  setViewport(width: number, height: number): void {
    const current = this.snapshot.view.viewport;
    if (current && current.width === Math.round(width) && current.height === Math.round(height)) return;
    this.view.change({ viewport: Object.freeze({ width: Math.round(width), height: Math.round(height) }) });
  }

  /** The stats panel opened (true) or closed (false): `snapshot.stats` is read each second while one is open. */
  watchStats(on: boolean): void {
    this.stats.watch(on);
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
      // The devices chosen stay chosen for the next join.
      this.store.set({ ...initialSnapshot, devices: { ...initialSnapshot.devices, chosen: this.snapshot.devices.chosen } });
    });
  }

  /** Leaves and releases everything. */
  async destroy(): Promise<void> {
    await this.leave();
    this.dropRoom();
  }

  private async setDevice(kind: 'mic' | 'camera', on?: boolean): Promise<boolean> {
    const field = kind === 'mic' ? 'micOn' : 'cameraOn';
    if (this.snapshot.phase === 'prejoin') {
      await this.preview.set(kind, on ?? !this.snapshot.preview[field]);
      const problem = this.snapshot.preview[kind === 'mic' ? 'audioProblem' : 'videoProblem'];
      if (on && problem) throw new MeetingClientError(ErrorCode.DEVICE_ERROR, `Could not open the ${kind}: ${problem}`);
      return this.snapshot.preview[field];
    }
    // "The other way" means from what the person joined with, not from a join or publish still under way (a person in the waiting room is not waited for).
    if (this.snapshot.phase !== 'waiting') await this.publishing;
    rejectWith(await this.media.toggle(kind, on));
    return !!this.me()?.[field];
  }

  private me() {
    return this.snapshot.participants.find((p) => p.isLocal);
  }

  private inMeeting(): boolean {
    return this.snapshot.phase === 'connected' || this.snapshot.phase === 'reconnecting';
  }

  private tellRecording(on: boolean): Promise<void> {
    const seat = this.session.seat;
    if (!seat) return Promise.reject(new MeetingClientError(ErrorCode.NOT_SUPPORTED, 'Recording needs the meeting server (join with a link, not a bare token)'));
    return this.api.self(seat, { action: 'recording', on });
  }

  private self(action: SelfAction): Promise<boolean> {
    return this.call((seat) => this.api.self(seat, action));
  }

  private async call(send: (seat: Seat) => Promise<unknown>): Promise<boolean> {
    return !(await this.attempt(send));
  }

  /** Sends a call to the meeting server as me; answers its refusal (also a notice and an `error`), if any. */
  private async attempt(send: (seat: Seat) => Promise<unknown>): Promise<ErrorInfo | undefined> {
    try {
      const seat = this.session.seat;
      if (!seat) throw new MeetingClientError(ErrorCode.NOT_SUPPORTED, 'This needs the meeting server (join with a link, not a bare token)');
      await send(seat);
      return undefined;
    } catch (err) {
      const info: ErrorInfo = err instanceof MeetingClientError ? { code: err.code, msg: err.msg } : { code: ErrorCode.INTERNAL, msg: String(err) };
      this.notices.add({ type: 'action-failed', code: info.code, msg: info.msg });
      this.emit('error', info);
      return info;
    }
  }

  private newRoom(lk: Livekit): Room {
    this.dropRoom();
    this.lk = lk;
    // Two peer connections, the server offering what I receive: with one (livekit-client's default),
    // a video subscribed and unsubscribed within one negotiation (the grid's first size, paging) makes
    // livekit-server (the pinned 1.13.5, and later ones until livekit/livekit#4892) ask for media
    // sections that never match, again on every answer: in bench/scale.ts the offer grew by ~21
    // sections every ~3.5 s and the renderer's CPU tripled. The server-offered subscriber has no such loop.
    // Firefox (ESR 153) keeps the one: its subscriber connection never connects in the two-connection
    // mode (ICE stays "connecting", then 3101, test/e2e/firefox.test.ts), so it lives with the loop until
    // the server is upgraded.
    const room = new lk.Room({ adaptiveStream: true, dynacast: true, singlePeerConnection: isGecko() });
    const refresh = () => this.refresh();
    const wiring = [
      listen(room, Object.fromEntries(ROOM_CHANGES.map((event) => [event, refresh])) as Partial<RoomEventCallbacks>),
      listen(room, {
        audioPlaybackChanged: () => this.store.set({ audioBlocked: !room.canPlaybackAudio }),
        signalConnected: () => this.onSignalConnected(room),
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
    const why = this.leaving ? 'left' : disconnectReasonName(this.lk, reason);
    this.preview.stop();
    void this.recorder.stop(false);
    this.store.batch(() => {
      this.participants.reset();
      this.store.set({ phase: 'left', leftReason: why });
    });
    this.emit('left', { reason: why });
  }

  /**
   * The meeting is built behind the pre-join screen once the signal connection is opening: the
   * page waits on the network then. Built when the SFU answers instead, its first render (60–150 ms
   * on a loaded 2-core machine) held up the SFU's offer for the media connection by as much.
   */
  private enterWhileConnecting(room: Room): void {
    setTimeout(() => {
      if (this.snapshot.phase === 'connecting' && room === this.liveRoom) this.store.set({ mediaConnecting: true });
    });
  }

  /** The SFU let me in: the meeting, built meanwhile, gets the people it told while the media connection comes up. */
  private onSignalConnected(room: Room): void {
    performance.mark('meeting:signal');
    if (this.snapshot.phase !== 'connecting' || room !== this.liveRoom) return;
    this.signalled = true;
    // Called from inside livekit-client's connect: nothing thrown here may reach it (it would give up the connection).
    try {
      this.store.batch(() => {
        this.store.set({ mediaConnecting: true });
        for (const part of this.parts) part.refresh?.(room);
      });
    } catch (err) {
      console.warn('The meeting could not be built before the media connection', err);
    }
  }

  private refresh(): void {
    const room = this.liveRoom;
    const { phase } = this.snapshot;
    if (!room || (phase !== 'connected' && phase !== 'reconnecting' && !(phase === 'connecting' && this.signalled))) return;
    this.store.batch(() => {
      for (const part of this.parts) part.refresh?.(room);
    });
  }

  private fail(err: unknown, fallback: ErrorCode = ErrorCode.INTERNAL): void {
    const error: ErrorInfo =
      err instanceof MeetingClientError
        ? { code: err.code, msg: err.msg, ...(err.startTime ? { startTime: err.startTime } : {}), ...(err.details?.status === MeetingStatus.CANCELLED ? { cancelled: true } : {}) }
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

function rejectWith(refusal: ErrorInfo | undefined): void {
  if (refusal) throw new MeetingClientError(refusal.code, refusal.msg);
}

/** After what the browser has to do now (painting the pre-join screen); at the latest in a second. */
function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
}

function disconnectReasonName(lk: Livekit | undefined, reason?: DisconnectReason): string {
  if (reason === undefined) return 'unknown';
  return (lk?.DisconnectReason[reason] ?? String(reason)).toLowerCase();
}

/** Firefox and the other Gecko browsers (see `newRoom`). */
function isGecko(): boolean {
  return typeof navigator !== 'undefined' && /\bFirefox\//.test(navigator.userAgent);
}
