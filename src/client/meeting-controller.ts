import { DisconnectReason, Room, RoomEvent, Track, type LocalTrack, type RemoteTrack } from 'livekit-client';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import type { JoinGrant, JoinRequest } from '../protocol/join.js';
import { Role } from '../protocol/roles.js';
import { openCamera, openMicrophone, type Opened } from './devices.js';
import { MeetingClientError, requestJoin } from './join-api.js';
import { participantViews } from './participants.js';
import { initialSnapshot, type MeetingSnapshot, type PreviewState } from './snapshot.js';

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
] as const;

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
    void this.room.prepareConnection(this.grant!.serverUrl, this.grant!.token).catch(() => undefined);
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
      if (this.source.kind === 'link' && ((wantedName && wantedName !== this.grant?.name) || stale)) {
        this.source = { ...this.source, params: { ...this.source.params, name: wantedName || this.grant?.name } };
        await this.fetchGrant();
      }
      await this.devicesReady;
      const grant = this.grant!;
      const room = this.room ?? this.createRoom();
      this.room = room;
      await room.connect(grant.serverUrl, grant.token, { autoSubscribe: true });
      // Show the meeting at once: others' video must not wait for our own publishing.
      this.update({ phase: 'connected', participants: participantViews(room), audioBlocked: !room.canPlaybackAudio });
      this.emit('joined', this.current);
      await this.publishPreview(room);
    } catch (err) {
      this.fail(err, ErrorCode.CONNECTION_FAILED);
    }
  }

  /** Publishes the pre-join tracks; a refusal leaves the person in the meeting, told why. */
  private async publishPreview(room: Room): Promise<void> {
    const { videoTrack, audioTrack } = this.current.preview;
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
    await this.room?.disconnect();
    this.stopPreview();
    if (this.current.phase !== 'left') {
      this.update({ phase: 'left', leftReason: 'left' });
      this.emit('left', { reason: 'left' });
    }
  }

  async toggleMic(): Promise<void> {
    const me = this.current.participants.find((p) => p.isLocal);
    await this.room?.localParticipant.setMicrophoneEnabled(!me?.micOn);
    this.refresh();
  }

  async toggleCamera(): Promise<void> {
    const me = this.current.participants.find((p) => p.isLocal);
    await this.room?.localParticipant.setCameraEnabled(!me?.cameraOn);
    this.refresh();
  }

  async toggleScreenShare(): Promise<void> {
    const me = this.current.participants.find((p) => p.isLocal);
    try {
      await this.room?.localParticipant.setScreenShareEnabled(!me?.screenOn, { audio: true });
    } catch (err) {
      // Cancelling the browser's picker is not an error worth a screen.
      if (!(err instanceof Error && err.name === 'NotAllowedError')) this.emit('error', { code: ErrorCode.DEVICE_ERROR, msg: String(err) });
    }
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
    this.grant = source.kind === 'link' ? await requestJoin(source.server, source.params) : grantFromToken(source.serverUrl, source.token);
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

  private refresh(): void {
    if (!this.room || (this.current.phase !== 'connected' && this.current.phase !== 'reconnecting')) return;
    this.update({ participants: participantViews(this.room) });
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
      err instanceof MeetingClientError ? { code: err.code, msg: err.msg } : { code: fallback, msg: err instanceof Error ? err.message : String(err) };
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
  const role = claims.attributes?.['meeting.role'];
  return {
    serverUrl,
    token,
    identity: claims.sub ?? '',
    name: claims.name ?? '',
    role: role === Role.HOST || role === Role.AUDIENCE ? role : Role.ATTENDEE,
    roleDowngraded: false,
    meeting: { meetingUniqueId: 0, meetingId: '', subject: claims.video?.room ?? '', status: 2, startTime: 0 },
  };
}
