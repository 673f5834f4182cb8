import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import type { Livekit } from './livekit-loader.js';
import { TrackSource } from './livekit-values.js';

/**
 * A camera or microphone opened on the pre-join screen with plain `getUserMedia`, before
 * livekit-client is loaded: shown, switched, flipped, and at join handed to livekit-client as its
 * own track (`toLocalTrack`), so that muting the camera later still releases the device.
 */
export class PreviewTrack {
  private readonly shownIn = new Set<HTMLMediaElement>();

  private constructor(
    private current: MediaStreamTrack,
    private wanted: MediaTrackConstraints,
  ) {}

  /** Opens the device; rejects as `getUserMedia` does (`deviceProblem` tells why). */
  static async open(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<PreviewTrack> {
    return new PreviewTrack(await capture(kind, constraints), constraints);
  }

  get kind(): 'audio' | 'video' {
    return this.current.kind as 'audio' | 'video';
  }

  get mediaStreamTrack(): MediaStreamTrack {
    return this.current;
  }

  /** What the device was opened with, the device it gave pinned (as livekit-client keeps it, so a restart opens the same one). */
  get constraints(): MediaTrackConstraints {
    const deviceId = this.current.getSettings().deviceId;
    return deviceId ? { ...this.wanted, deviceId } : this.wanted;
  }

  attach(el: HTMLMediaElement): void {
    this.shownIn.add(el);
    this.show(el);
  }

  detach(el: HTMLMediaElement): void {
    this.shownIn.delete(el);
    if (el.srcObject instanceof MediaStream && el.srcObject.getTracks().includes(this.current)) el.srcObject = null;
  }

  stop(): void {
    this.current.stop();
  }

  /** Another device. */
  setDeviceId(deviceId: ConstrainDOMString): Promise<void> {
    return this.reopen({ ...this.wanted, deviceId });
  }

  /** The other camera of a phone: whichever device faces that way. */
  restartTrack({ facingMode }: { facingMode: 'user' | 'environment' }): Promise<void> {
    const { deviceId: _device, ...rest } = this.wanted;
    return this.reopen({ ...rest, facingMode });
  }

  /** The same device as livekit-client's own track (as `createLocalVideoTrack` makes it). */
  toLocalTrack(lk: Livekit): LocalVideoTrack | LocalAudioTrack {
    const track = this.kind === 'video' ? new lk.LocalVideoTrack(this.current, this.constraints, false) : new lk.LocalAudioTrack(this.current, this.constraints, false);
    track.source = this.kind === 'video' ? TrackSource.Camera : TrackSource.Microphone;
    return track;
  }

  private async reopen(wanted: MediaTrackConstraints): Promise<void> {
    // A phone opens one camera at a time: the one in use goes first (as livekit-client restarts a track).
    this.current.stop();
    this.current = await capture(this.kind, wanted);
    this.wanted = wanted;
    for (const el of this.shownIn) this.show(el);
  }

  private show(el: HTMLMediaElement): void {
    el.muted = true;
    if (el instanceof HTMLVideoElement) el.playsInline = true;
    el.srcObject = new MediaStream([this.current]);
    void el.play().catch(() => undefined);
  }
}

async function capture(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
  return stream.getTracks()[0]!;
}
