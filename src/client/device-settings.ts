import type { Room } from 'livekit-client';
import { ErrorCode } from '../protocol/errors.js';
import { deviceProblem } from './devices.js';
import { TrackSource } from './livekit-values.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import type { PreviewTrack } from './preview-track.js';
import type { DeviceKind, DeviceOption, DevicesState } from './snapshot.js';

const STORE_KEY = 'meeting-room.devices';
const MEDIA_KIND: Record<DeviceKind, MediaDeviceKind> = { camera: 'videoinput', mic: 'audioinput', speaker: 'audiooutput' };
const KINDS = Object.keys(MEDIA_KIND) as DeviceKind[];

/**
 * The devices (SPEC J3, R2): what this browser offers, the choice of each kind (remembered by the
 * browser, opened by the preview, switched mid-meeting), the camera flip, and audio-only mode
 * (which `View` reads: no video is received then). Its slice: `devices`.
 */
export class DeviceSettings implements MeetingPart {
  private room?: Room;

  constructor(private readonly host: PartHost<'devices'>) {
    this.patch({ chosen: Object.freeze({ ...host.snapshot.devices.chosen, ...remembered() }) });
  }

  attach(room: Room): () => void {
    this.room = room;
    const off = listen(room, { mediaDevicesChanged: () => void this.list() });
    return () => {
      off();
      if (this.room === room) this.room = undefined;
    };
  }

  /** The chosen speaker plays the meeting (microphone and camera came chosen from the preview). */
  connected(room: Room): void {
    const speaker = this.host.snapshot.devices.chosen.speaker;
    if (speaker) void room.switchActiveDevice('audiooutput', speaker).catch(() => undefined);
  }

  /** Reads the devices again (labels are there once a device was allowed). */
  async list(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const of = (kind: MediaDeviceKind): readonly DeviceOption[] =>
      Object.freeze(all.filter((d) => d.kind === kind && d.deviceId).map((d, i) => Object.freeze({ deviceId: d.deviceId, label: d.label || `${kind} ${i + 1}` })));
    this.patch({ cameras: of('videoinput'), mics: of('audioinput'), speakers: of('audiooutput') });
  }

  /** Chooses a device: the preview or the meeting switches to it now, and this browser remembers it. */
  async choose(kind: DeviceKind, deviceId: string, inMeeting: boolean): Promise<void> {
    try {
      if (inMeeting && this.room) await this.room.switchActiveDevice(MEDIA_KIND[kind], deviceId);
      else if (kind !== 'speaker') await this.previewTrack(kind)?.setDeviceId({ exact: deviceId });
    } catch (err) {
      this.host.error({ code: ErrorCode.DEVICE_ERROR, msg: `Could not switch to that device (${deviceProblem(err)})` });
      return;
    }
    // Told once the device is in use: the meter then listens to the new microphone.
    this.patch({ chosen: Object.freeze({ ...this.host.snapshot.devices.chosen, [kind]: deviceId }) });
    remember(this.host.snapshot.devices.chosen);
  }

  /** Front ↔ back camera (a phone's two cameras), on the camera in use. */
  async flip(inMeeting: boolean): Promise<void> {
    const facing = this.host.snapshot.devices.facing === 'user' ? 'environment' : 'user';
    const track = inMeeting ? this.room?.localParticipant.getTrackPublication(TrackSource.Camera)?.videoTrack : this.host.snapshot.preview.videoTrack;
    try {
      await track?.restartTrack({ facingMode: facing });
      this.patch({ facing });
    } catch (err) {
      this.host.error({ code: ErrorCode.DEVICE_ERROR, msg: `Could not flip the camera (${deviceProblem(err)})` });
    }
  }

  setAudioOnly(on: boolean): void {
    this.patch({ audioOnly: on });
  }

  private previewTrack(kind: 'camera' | 'mic'): PreviewTrack | undefined {
    const { preview } = this.host.snapshot;
    return kind === 'camera' ? preview.videoTrack : preview.audioTrack;
  }

  private patch(change: Partial<DevicesState>): void {
    this.host.set({ devices: Object.freeze({ ...this.host.snapshot.devices, ...change }) });
  }
}

function remembered(): Partial<Record<DeviceKind, string>> {
  try {
    const stored = Object(JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}')) as Record<string, unknown>;
    return Object.fromEntries(KINDS.filter((k) => typeof stored[k] === 'string').map((k) => [k, stored[k] as string]));
  } catch {
    // Storage can be blocked (sandboxed iframes, privacy modes): nothing is remembered then.
    return {};
  }
}

function remember(chosen: Readonly<Record<DeviceKind, string>>): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(chosen));
  } catch {
    // as above
  }
}
