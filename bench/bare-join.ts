/**
 * The baseline page for the join-latency benchmark: livekit-client alone doing what
 * `<meeting-room>` does around the Join click, with the same token kind. Before the click: take
 * the grant that `POST /api/join` gave (fetched by the benchmark), warm the connection, open camera
 * and mic. On the click: connect, publish, and time until the first remote video frame is presented.
 */
import { Room, RoomEvent, Track, createLocalTracks, type RemoteTrack } from 'livekit-client';

declare global {
  interface Window {
    benchPrepare: (grant: { serverUrl: string; token: string }) => Promise<void>;
    benchJoin: () => Promise<number>;
    /** When the last `benchJoin` started (`performance.now()`). */
    benchT0: number;
  }
}

const room = new Room({ adaptiveStream: true, dynacast: true });
let grant: { serverUrl: string; token: string };
let tracks: Awaited<ReturnType<typeof createLocalTracks>>;

window.benchPrepare = async (given) => {
  grant = given;
  void room.prepareConnection(grant.serverUrl, grant.token);
  tracks = await createLocalTracks({ audio: true, video: { resolution: { width: 1280, height: 720, frameRate: 30 } } });
};

window.benchJoin = async () => {
  const t0 = (window.benchT0 = performance.now());
  const firstFrame = new Promise<number>((resolve) => {
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind !== Track.Kind.Video) return;
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      document.body.append(video);
      track.attach(video);
      video.requestVideoFrameCallback(() => resolve(performance.now()));
    });
  });
  await room.connect(grant.serverUrl, grant.token, { autoSubscribe: true });
  await Promise.all(tracks.map((t) => room.localParticipant.publishTrack(t)));
  return (await firstFrame) - t0;
};
