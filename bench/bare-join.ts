/**
 * The baseline page for the join-latency benchmark: livekit-client alone doing what
 * `<meeting-room>` does around the Join click, with the same token kind. Before the click: take
 * the grant that `POST /api/join` gave (fetched by the benchmark), warm the connection, open camera
 * and mic. On the click: connect, publish, and time until the first remote video frame is presented.
 * Opened with `?asap`, it clicks as soon as it could show a Join button: once its backend (`/token`)
 * gave the grant, it connects and opens camera and mic at once, and leaves `window.benchResult`.
 */
import { Room, RoomEvent, Track, createLocalTracks, type RemoteTrack } from 'livekit-client';

declare global {
  interface Window {
    benchPrepare: (grant: { serverUrl: string; token: string }) => Promise<void>;
    benchJoin: () => Promise<number>;
    /** Leaves, and releases camera and mic (the next `benchPrepare` opens them again). */
    benchLeave: () => Promise<void>;
    /** When the last `benchJoin` started (`performance.now()`). */
    benchT0: number;
    benchResult?: { click: number; open: number; t0: number };
  }
}

const room = new Room({ adaptiveStream: true, dynacast: true });
room.on(RoomEvent.SignalConnected, () => performance.mark('bare:signal'));
let grant: { serverUrl: string; token: string };
let tracks: Awaited<ReturnType<typeof createLocalTracks>>;

window.benchPrepare = async (given) => {
  grant = given;
  void room.prepareConnection(grant.serverUrl, grant.token);
  tracks = await createLocalTracks({ audio: true, video: { resolution: { width: 1280, height: 720, frameRate: 30 } } });
};

window.benchJoin = async () => {
  const t0 = (window.benchT0 = performance.now());
  const firstFrame = firstRemoteFrame();
  await room.connect(grant.serverUrl, grant.token, { autoSubscribe: true });
  await Promise.all(tracks.map((t) => room.localParticipant.publishTrack(t)));
  return (await firstFrame) - t0;
};

window.benchLeave = async () => {
  await room.disconnect();
  for (const t of tracks) t.stop();
  for (const v of document.querySelectorAll('video')) v.remove();
};

function firstRemoteFrame(): Promise<number> {
  return new Promise<number>((resolve) => {
    room.on(RoomEvent.TrackSubscribed, function onTrack(track: RemoteTrack) {
      if (track.kind !== Track.Kind.Video) return;
      room.off(RoomEvent.TrackSubscribed, onTrack);
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      document.body.append(video);
      track.attach(video);
      performance.mark('bare:attached');
      video.requestVideoFrameCallback(() => resolve(performance.now()));
    });
  });
}

if (location.search === '?asap') {
  const given = (await fetch('/token', { method: 'POST' }).then((r) => r.json())) as typeof grant;
  const t0 = performance.now();
  const firstFrame = firstRemoteFrame();
  const opened = createLocalTracks({ audio: true, video: { resolution: { width: 1280, height: 720, frameRate: 30 } } });
  await room.connect(given.serverUrl, given.token, { autoSubscribe: true });
  performance.mark('bare:connected');
  await Promise.all((await opened).map((t) => room.localParticipant.publishTrack(t)));
  performance.mark('bare:published');
  const at = await firstFrame;
  window.benchResult = { click: at - t0, open: at, t0 };
}

