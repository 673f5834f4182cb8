import type { Participant, Room, Track } from 'livekit-client';
import { ConnectionState } from './livekit-values.js';
import type { MeetingPart, PartHost } from './part.js';
import { bitrateBetween, lossBetween, sampleOf, type Direction, type RtpSample, type StatEntry, type TrackStats } from './track-stats.js';

const EVERY_MS = 1000;

/**
 * The stats panel's numbers (SPEC R11), the `stats` slice: each second, while someone watches
 * (the panel is open), every track I send and receive is read with `getStats`; nothing runs
 * otherwise, and the slice is null.
 */
export class Stats implements MeetingPart {
  private room?: Room;
  private watchers = 0;
  private timer?: ReturnType<typeof setInterval>;
  private previous = new Map<string, RtpSample>();
  private reading = false;

  constructor(private readonly host: PartHost<'stats'>) {}

  attach(room: Room): () => void {
    this.room = room;
    this.sync();
    return () => {
      this.room = undefined;
      this.sync();
    };
  }

  connected(): void {
    this.sync();
  }

  /** The panel opened (true) or closed (false); polling runs while at least one is open. */
  watch(on: boolean): void {
    this.watchers = Math.max(0, this.watchers + (on ? 1 : -1));
    this.sync();
  }

  reset(): void {
    this.watchers = 0;
    this.sync();
  }

  private sync(): void {
    const run = this.watchers > 0 && !!this.room;
    if (run && !this.timer) {
      this.timer = setInterval(() => void this.read(), EVERY_MS);
      void this.read();
    } else if (!run && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.previous.clear();
      this.host.set({ stats: null });
    }
  }

  private async read(): Promise<void> {
    const room = this.room;
    if (!room || this.reading || room.state !== ConnectionState.Connected) return;
    this.reading = true;
    try {
      const tracks = [...tracksOf(room.localParticipant, 'send'), ...[...room.remoteParticipants.values()].flatMap((p) => tracksOf(p, 'receive'))];
      const rows = await Promise.all(tracks.map((t) => this.row(t)));
      if (this.timer) this.host.set({ stats: Object.freeze(rows.filter((r): r is TrackStats => !!r)) });
    } finally {
      this.reading = false;
    }
  }

  private async row({ track, participant, direction }: Watched): Promise<TrackStats | undefined> {
    const report = await track.getRTCStatsReport().catch(() => undefined);
    if (!report) return undefined;
    const key = `${direction}:${track.sid ?? track.mediaStreamTrack.id}`;
    const sample = sampleOf(report.values() as Iterable<StatEntry>, direction, Date.now());
    const prev = this.previous.get(key);
    this.previous.set(key, sample);
    return Object.freeze({
      id: key,
      participant,
      source: track.source,
      kind: track.kind === 'audio' ? 'audio' : 'video',
      direction,
      bitrate: bitrateBetween(prev, sample),
      fps: sample.fps,
      width: sample.width,
      height: sample.height,
      loss: lossBetween(prev, sample, direction),
      rtt: sample.rtt,
    });
  }
}

interface Watched {
  track: Track;
  participant: string;
  direction: Direction;
}

function tracksOf(p: Participant, direction: Direction): Watched[] {
  return [...p.trackPublications.values()].flatMap((pub) => (pub.track && (direction === 'send' || pub.isSubscribed) ? [{ track: pub.track, participant: p.name || p.identity, direction }] : []));
}
