import { DisconnectReason, EngineEvent, Room, RoomEvent, Track, type LocalTrack, type Participant, type RemoteParticipant, type RemoteTrack } from 'livekit-client';
import type { ControlAction } from '../protocol/control-actions.js';
import { Attr, CONTROL_TOPIC, parsePolicy, type ControlHint, type SelfAction } from '../protocol/control.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import type { JoinGrant, JoinRequest } from '../protocol/join.js';
import { Role, isModerator, parseRole } from '../protocol/roles.js';
import { callMeeting, hostActions, waitForAdmission, type HostActions, type WaitingPerson } from './control-api.js';
import { openCamera, openMicrophone, type Opened } from './devices.js';
import { MeetingClientError, requestJoin } from './join-api.js';
import { participantViews, roleOf } from './participants.js';
import { allowedOf, guardSubscriptions, guestKey } from './permissions.js';
import { initialSnapshot, type MeetingSnapshot, type Notice, type PreviewState } from './snapshot.js';

/** How to enter: join-link parameters resolved by the meeting server, or a ready LiveKit token. */
export type JoinSource = { kind: 'link'; server: string; params: JoinRequest } | { kind: 'token'; serverUrl: string; token: string };

export interface MeetingControllerEventMap {
  change: CustomEvent<MeetingSnapshot>;
  joined: CustomEvent<MeetingSnapshot>;
  left: CustomEvent<{ reason: string }>;
  error: CustomEvent<ErrorInfo>;
}

/** The preview fields and the opener of each pre-join device. */
interface PreviewDevice {
  on: 'cameraOn' | 'micOn';
  track: 'videoTrack' | 'audioTrack';
  problem: 'videoProblem' | 'audioProblem';
  open: () => Promise<Opened<LocalTrack>>;
}
const PREVIEW_DEVICES = {
  camera: { on: 'cameraOn', track: 'videoTrack', problem: 'videoProblem', open: openCamera },
  mic: { on: 'micOn', track: 'audioTrack', problem: 'audioProblem', open: openMicrophone },
} satisfies Record<string, PreviewDevice>;

/** A token older than this is fetched again at the Join click (tokens live 10 minutes). */
const GRANT_FRESH_MS = 8 * 60 * 1000;

const ROOM_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.ConnectionStateChanged,
] as const;

/** How many notices are kept; older ones drop off. */
const MAX_NOTICES = 5;

/**
 * The framework-free meeting controller over livekit-client. It keeps ONE immutable snapshot,
 * replaced on every change (`change` event), and exposes the person's actions.
 */
export class MeetingController extends EventTarget {
  private current: MeetingSnapshot = initialSnapshot;
  private room?: Room;
  private grant?: JoinGrant;
  private grantAt = 0;
  private source?: JoinSource;
  private leaving = false;
  private devicesReady: Promise<unknown> = Promise.resolve();
  /** The newest token: the join token, then each one LiveKit refreshes (the bearer for the server). */
  private token = '';
  private waitAbort?: AbortController;
  /** A publish the person asked for that the permissions refused; re-tried when they change. */
  private wants = { mic: false, camera: false };
  private noticeSeq = 0;
  /** Host and co-host actions; the server refuses them for anyone else (2100). */
  readonly host: HostActions = hostActions((action) => this.control(action));
  /** Where remote audio elements go; a detached element may not play everywhere. */
  audioContainer?: HTMLElement;

  get snapshot(): MeetingSnapshot {
    return this.current;
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
    this.source = source;
    this.update({ phase: 'prejoin', preview: { micOn: media.audio, cameraOn: media.video, opening: media.audio || media.video } });
    const devices = Promise.all([media.video ? openCamera() : undefined, media.audio ? openMicrophone() : undefined]);
    this.devicesReady = devices;
    try {
      await this.fetchGrant();
    } catch (err) {
      const [camera, mic] = await devices;
      camera?.track?.stop();
      mic?.track?.stop();
      this.fail(err);
      return;
    }
    this.room = this.createRoom();
    if (this.grant!.token) void this.room.prepareConnection(this.grant!.serverUrl, this.grant!.token).catch(() => undefined);
    const [camera, mic] = await devices;
    this.update({
      preview: {
        micOn: !!mic?.track,
        cameraOn: !!camera?.track,
        videoTrack: camera?.track,
        audioTrack: mic?.track,
        videoProblem: camera?.problem,
        audioProblem: mic?.problem,
      },
    });
  }

  /** Pre-join: turn the camera preview on (opening the device) or off (releasing it). */
  setPreviewCamera(on: boolean): Promise<void> {
    return this.setPreviewDevice(PREVIEW_DEVICES.camera, on);
  }

  /** Pre-join: turn the microphone on (opening it) or off (releasing it). */
  setPreviewMic(on: boolean): Promise<void> {
    return this.setPreviewDevice(PREVIEW_DEVICES.mic, on);
  }

  private async setPreviewDevice(device: PreviewDevice, on: boolean): Promise<void> {
    const track = this.current.preview[device.track];
    if (!on) {
      track?.stop();
      this.setPreview({ [device.on]: false, [device.track]: undefined, [device.problem]: undefined });
    } else if (track) {
      this.setPreview({ [device.on]: true });
    } else {
      const opened = await device.open();
      this.setPreview({ [device.on]: !!opened.track, [device.track]: opened.track, [device.problem]: opened.problem });
    }
  }

  /** Connects with the prepared token and publishes the preview tracks. */
  async join(name?: string): Promise<void> {
    if (!this.source) throw new Error('prepare() first');
    if (this.current.phase !== 'prejoin') return;
    this.update({ phase: 'connecting' });
    try {
      const wantedName = name?.trim();
      const stale = Date.now() - this.grantAt > GRANT_FRESH_MS;
      // A waiting ticket is asked for again with the name, so hosts see who waits.
      const waits = this.grant?.waitingTicket !== undefined;
      if (this.source.kind === 'link' && ((wantedName && wantedName !== this.grant?.name) || stale || waits)) {
        this.source = { ...this.source, params: { ...this.source.params, name: wantedName || this.grant?.name } };
        await this.fetchGrant();
      }
      if (this.grant?.waitingTicket && this.source.kind === 'link') await this.waitToBeAdmitted(this.source.server, this.grant.waitingTicket);
      await this.devicesReady;
      const grant = this.grant!;
      const room = this.room ?? this.createRoom();
      this.room = room;
      await room.connect(grant.serverUrl, grant.token, { autoSubscribe: true });
      // Show the meeting at once: others' video must not wait for our own publishing.
      this.update({ phase: 'connected', participants: participantViews(room), audioBlocked: !room.canPlaybackAudio, policy: parsePolicy(room.metadata), allowed: allowedOf(room) });
      guardSubscriptions(room, this.current.policy.bans);
      if (isModerator(this.current.me?.role ?? Role.ATTENDEE)) void this.refreshWaiting();
      this.emit('joined', this.current);
      await this.publishPreview(room);
    } catch (err) {
      if (this.leaving) return;
      this.fail(err, ErrorCode.CONNECTION_FAILED);
    }
  }

  /** The waiting room (SPEC J5): no token, no media; the decision comes over server-sent events. */
  private async waitToBeAdmitted(server: string, ticket: string): Promise<void> {
    this.update({ phase: 'waiting', waitingPosition: undefined });
    this.waitAbort = new AbortController();
    const grant = await waitForAdmission(server, ticket, (position) => this.update({ waitingPosition: position }), this.waitAbort.signal);
    this.waitAbort = undefined;
    this.useGrant(grant);
    this.update({ phase: 'connecting' });
  }

  /** Publishes the pre-join tracks; a refusal leaves the person in the meeting, told why. */
  private async publishPreview(room: Room): Promise<void> {
    const preview = this.current.preview;
    const moderator = isModerator(this.current.me?.role ?? Role.ATTENDEE);
    const { policy, allowed } = this.current;
    // The policy may ask people to join muted, or not let them turn on at all (SPEC M1, H2).
    const keepVideo = allowed.camera && (moderator || !policy.video.off);
    const keepAudio = allowed.mic && (moderator || !policy.audio.off);
    if (preview.videoTrack && !keepVideo) preview.videoTrack.stop();
    if (preview.audioTrack && !keepAudio) preview.audioTrack.stop();
    if ((preview.videoTrack && !allowed.camera) || (preview.audioTrack && !allowed.mic)) this.notice({ type: 'turned-off-by-host' });
    const videoTrack = keepVideo ? preview.videoTrack : undefined;
    const audioTrack = keepAudio ? preview.audioTrack : undefined;
    const results = await Promise.allSettled([
      videoTrack ? room.localParticipant.publishTrack(videoTrack, { source: Track.Source.Camera }) : undefined,
      audioTrack ? room.localParticipant.publishTrack(audioTrack, { source: Track.Source.Microphone }) : undefined,
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      // A refused publish must not leave the device capturing (DESIGN "LiveKit facts").
      if (results[0]?.status === 'rejected') videoTrack?.stop();
      if (results[1]?.status === 'rejected') audioTrack?.stop();
      this.emit('error', { code: ErrorCode.DEVICE_ERROR, msg: `Could not publish: ${String(failed.reason)}` });
    }
    this.refresh();
  }

  async leave(): Promise<void> {
    this.leaving = true;
    this.waitAbort?.abort();
    await this.room?.disconnect();
    this.stopPreview();
    if (this.current.phase !== 'left') {
      this.update({ phase: 'left', leftReason: 'left' });
      this.emit('left', { reason: 'left' });
    }
  }

  async toggleMic(): Promise<void> {
    await this.toggleDevice('mic');
  }

  async toggleCamera(): Promise<void> {
    await this.toggleDevice('camera');
  }

  /**
   * Turns the microphone or camera on or off. Turning on what the host turned off is refused
   * here (2103) and remembered: when permission comes back, it is published then.
   */
  private async toggleDevice(kind: 'mic' | 'camera'): Promise<void> {
    const lp = this.room?.localParticipant;
    if (!lp) return;
    const me = this.current.participants.find((p) => p.isLocal);
    const on = kind === 'mic' ? !!me?.micOn : !!me?.cameraOn;
    const set = (enabled: boolean) => (kind === 'mic' ? lp.setMicrophoneEnabled(enabled) : lp.setCameraEnabled(enabled));
    if (on) {
      this.wants[kind] = false;
      await set(false);
    } else if (!this.current.allowed[kind]) {
      this.wants[kind] = true;
      this.notice({ type: 'turned-off-by-host' });
    } else {
      try {
        await set(true);
      } catch (err) {
        // A refused publish must not leave the device capturing (DESIGN "LiveKit facts").
        const source = kind === 'mic' ? Track.Source.Microphone : Track.Source.Camera;
        const pub = lp.getTrackPublication(source);
        if (pub?.track && !pub.trackSid) pub.track.stop();
        this.wants[kind] = true;
        this.emit('error', { code: ErrorCode.DEVICE_ERROR, msg: `Could not turn on the ${kind}: ${String(err)}` });
      }
    }
    this.refresh();
  }

  async toggleScreenShare(): Promise<void> {
    const me = this.current.participants.find((p) => p.isLocal);
    if (!me?.screenOn && !this.current.allowed.screen) {
      // Under "ask first" the click is the request (SPEC H8).
      if (this.current.policy.share === 'ask') await this.self({ action: 'requestShare', on: true });
      else this.notice({ type: 'turned-off-by-host' });
      return;
    }
    try {
      await this.room?.localParticipant.setScreenShareEnabled(!me?.screenOn, { audio: true });
    } catch (err) {
      // Cancelling the browser's picker is not an error worth a screen.
      if (!(err instanceof Error && err.name === 'NotAllowedError')) this.emit('error', { code: ErrorCode.DEVICE_ERROR, msg: String(err) });
    }
    this.refresh();
  }

  /** Raise or lower my hand (SPEC R6); the server orders hands by time. */
  setHand(raised: boolean): Promise<boolean> {
    return this.meetingCall('hand', { raised });
  }

  /** Rename myself (SPEC R8). */
  renameMe(name: string): Promise<boolean> {
    return this.self({ action: 'rename', name });
  }

  requestShare(on: boolean): Promise<boolean> {
    return this.self({ action: 'requestShare', on });
  }

  private self(action: SelfAction): Promise<boolean> {
    return this.meetingCall('self', action);
  }

  /** A host action; answers whether the server took it (a refusal becomes a notice and an `error`). */
  control(action: ControlAction): Promise<boolean> {
    return this.meetingCall('control', action);
  }

  /** Re-reads the waiting room (moderators). */
  async refreshWaiting(): Promise<void> {
    const server = this.source?.kind === 'link' ? this.source.server : undefined;
    const id = this.grant?.meeting.meetingUniqueId;
    if (!server || !id) return;
    try {
      const queue = await callMeeting<WaitingPerson[]>(server, `/api/meetings/${id}/waiting`, this.token);
      const grew = queue.some((p) => !this.current.waitingQueue.some((q) => q.identity === p.identity));
      this.update({ waitingQueue: Object.freeze(queue) });
      if (grew) this.notice({ type: 'waiting' });
    } catch {
      this.update({ waitingQueue: Object.freeze([]) });
    }
  }

  dismissNotice(id: number): void {
    this.update({ notices: Object.freeze(this.current.notices.filter((n) => n.id !== id)) });
  }

  private async meetingCall(path: 'control' | 'hand' | 'self', body: unknown): Promise<boolean> {
    const server = this.source?.kind === 'link' ? this.source.server : undefined;
    const id = this.grant?.meeting.meetingUniqueId;
    try {
      if (!server || !id) throw new MeetingClientError(ErrorCode.NOT_SUPPORTED, 'This needs the meeting server (join with a link, not a bare token)');
      await callMeeting(server, `/api/meetings/${id}/${path}`, this.token, body);
      return true;
    } catch (err) {
      const info: ErrorInfo = err instanceof MeetingClientError ? { code: err.code, msg: err.msg } : { code: ErrorCode.INTERNAL, msg: String(err) };
      this.notice({ type: 'action-failed', code: info.code, msg: info.msg });
      this.emit('error', info);
      return false;
    }
  }

  private notice(n: Omit<Notice, 'id'>): void {
    const notices = [...this.current.notices, Object.freeze({ ...n, id: ++this.noticeSeq })].slice(-MAX_NOTICES);
    this.update({ notices: Object.freeze(notices) });
  }

  /** A hint from the server (never from a participant): re-read, and tell the person. */
  private onHint(hint: ControlHint): void {
    if (hint.type === 'waiting') {
      void this.refreshWaiting();
      return;
    }
    this.notice({ type: hint.type, by: hint.by, role: hint.role });
    this.refresh();
  }

  /** Resumes audio playback after a click when the browser's autoplay policy blocked it. */
  async startAudio(): Promise<void> {
    await this.room?.startAudio();
    this.update({ audioBlocked: !(this.room?.canPlaybackAudio ?? true) });
  }

  /** After leaving: back to the start, so that `prepare()` can run again (the Rejoin button). */
  reset(): void {
    this.stopPreview();
    this.room?.removeAllListeners();
    this.room = undefined;
    this.grant = undefined;
    this.leaving = false;
    this.wants = { mic: false, camera: false };
    this.update(initialSnapshot);
  }

  /** Leaves and releases everything. */
  async destroy(): Promise<void> {
    await this.leave();
    this.room?.removeAllListeners();
    this.room = undefined;
  }

  private async fetchGrant(): Promise<void> {
    const source = this.source!;
    const params = source.kind === 'link' && !source.params.SID ? { ...source.params, gk: guestKey() } : source.kind === 'link' ? source.params : undefined;
    this.useGrant(source.kind === 'link' ? await requestJoin(source.server, params!) : grantFromToken(source.serverUrl, source.token));
  }

  private useGrant(grant: JoinGrant): void {
    this.grant = grant;
    this.token = grant.token;
    this.grantAt = Date.now();
    this.update({
      meeting: this.grant.meeting.meetingId ? this.grant.meeting : undefined,
      me: { identity: this.grant.identity, name: this.grant.name, role: this.grant.role, roleDowngraded: this.grant.roleDowngraded },
    });
  }

  private createRoom(): Room {
    const room = new Room({ adaptiveStream: true, dynacast: true });
    const refresh = () => this.refresh();
    for (const event of ROOM_EVENTS) room.on(event, refresh);
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Audio) {
        const el = track.attach();
        el.dataset.meetingAudio = '';
        this.audioContainer?.append(el);
      }
    });
    room.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Audio) track.detach().forEach((el) => el.remove());
    });
    room.on(RoomEvent.AudioPlaybackStatusChanged, () => this.update({ audioBlocked: !room.canPlaybackAudio }));
    room.engine.on(EngineEvent.TokenRefreshed, (token: string) => (this.token = token));
    room.on(RoomEvent.RoomMetadataChanged, () => {
      const policy = parsePolicy(room.metadata);
      if (policy.rev < this.current.policy.rev) return;
      this.update({ policy, meeting: this.current.meeting && { ...this.current.meeting, subject: policy.subject || this.current.meeting.subject } });
      guardSubscriptions(room, policy.bans);
    });
    room.on(RoomEvent.ParticipantConnected, () => guardSubscriptions(room, this.current.policy.bans));
    room.on(RoomEvent.ParticipantPermissionsChanged, (_prev: unknown, participant: Participant) => {
      if (participant === room.localParticipant) this.onPermissionsChanged(room);
    });
    room.on(RoomEvent.DataReceived, (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string, _enc?: unknown, senderIdentity?: string) => {
      // Only the server's own packets (no participant sender) count; anyone can send on any topic.
      // A sender not (or no longer) in the room has no participant object but still has an identity.
      if (topic !== CONTROL_TOPIC || participant || senderIdentity) return;
      try {
        this.onHint(JSON.parse(new TextDecoder().decode(payload)) as ControlHint);
      } catch {
        // not ours
      }
    });
    room.on(RoomEvent.Reconnecting, () => this.update({ phase: 'reconnecting' }));
    room.on(RoomEvent.Reconnected, () => this.update({ phase: 'connected' }));
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (this.current.phase === 'prejoin' || this.current.phase === 'connecting') return;
      const why = this.leaving ? 'left' : disconnectReasonName(reason);
      this.stopPreview();
      this.update({ phase: 'left', leftReason: why, participants: Object.freeze([]) });
      this.emit('left', { reason: why });
    });
    return room;
  }

  /** Permission came back (ask to unmute, on stage, share approved): publish what was asked for. */
  private onPermissionsChanged(room: Room): void {
    const allowed = allowedOf(room);
    this.update({ allowed });
    for (const kind of ['mic', 'camera'] as const) {
      if (this.wants[kind] && allowed[kind]) {
        this.wants[kind] = false;
        void this.toggleDevice(kind);
      }
    }
    this.refresh();
  }

  private refresh(): void {
    const room = this.room;
    if (!room || (this.current.phase !== 'connected' && this.current.phase !== 'reconnecting')) return;
    const role = roleOf(room.localParticipant);
    const me = this.current.me;
    const becameModerator = !!me && isModerator(role) && !isModerator(me.role);
    this.update({
      participants: participantViews(room),
      me: me && (me.role !== role || me.name !== room.localParticipant.name) ? { ...me, role, name: room.localParticipant.name || me.name } : me,
      allowed: allowedOf(room),
      ...(isModerator(role) ? {} : { waitingQueue: Object.freeze([]) }),
    });
    if (becameModerator) void this.refreshWaiting();
  }

  private setPreview(change: Partial<PreviewState>): void {
    this.update({ preview: { ...this.current.preview, ...change } });
  }

  private stopPreview(): void {
    this.current.preview.videoTrack?.stop();
    this.current.preview.audioTrack?.stop();
  }

  private fail(err: unknown, fallback: ErrorCode = ErrorCode.INTERNAL): void {
    const error: ErrorInfo =
      err instanceof MeetingClientError
        ? { code: err.code, msg: err.msg, ...(err.startTime ? { startTime: err.startTime } : {}) }
        : { code: fallback, msg: err instanceof Error ? err.message : String(err) };
    this.stopPreview();
    void this.room?.disconnect();
    this.update({ phase: 'error', error });
    this.emit('error', error);
  }

  private update(change: Partial<MeetingSnapshot>): void {
    const next: MeetingSnapshot = { ...this.current, ...change };
    if (change.preview) Object.freeze(change.preview);
    this.current = Object.freeze(next);
    this.emit('change', this.current);
  }

  private emit<K extends keyof MeetingControllerEventMap>(type: K, detail: MeetingControllerEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function disconnectReasonName(reason?: DisconnectReason): string {
  if (reason === undefined) return 'unknown';
  return (DisconnectReason[reason] ?? String(reason)).toLowerCase();
}

/** For `token` + `server-url` embeds: what the page can learn from the token itself. */
function grantFromToken(serverUrl: string, token: string): JoinGrant {
  let claims: { sub?: string; name?: string; attributes?: Record<string, string>; video?: { room?: string } } = {};
  try {
    claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, 'The token is not a LiveKit token');
  }
  const role = parseRole(claims.attributes?.[Attr.ROLE]);
  return {
    serverUrl,
    token,
    identity: claims.sub ?? '',
    name: claims.name ?? '',
    role,
    roleDowngraded: false,
    meeting: { meetingUniqueId: 0, meetingId: '', subject: claims.video?.room ?? '', status: 2, startTime: 0 },
  };
}
