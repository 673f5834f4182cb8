/**
 * The baseline page for the scale benchmark (bench/scale.ts): livekit-client alone, subscribed to
 * every camera in the room, each shown in a small <video> of a plain grid.
 */
import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';

declare global {
  interface Window {
    benchConnect: (grant: { serverUrl: string; token: string }) => Promise<void>;
  }
}

window.benchConnect = async ({ serverUrl, token }) => {
  document.body.style.cssText = 'margin:0;display:grid;grid-template-columns:repeat(7,1fr);gap:2px';
  const room = new Room();
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
    if (track.kind !== Track.Kind.Video) return;
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.style.width = '100%';
    document.body.append(video);
    track.attach(video);
  });
  await room.connect(serverUrl, token, { autoSubscribe: true });
};
