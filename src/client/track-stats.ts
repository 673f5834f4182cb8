/** One `RTCStatsReport` entry, as much of it as the stats panel reads. */
export interface StatEntry {
  readonly type: string;
  readonly kind?: string;
  readonly bytesSent?: number;
  readonly bytesReceived?: number;
  readonly packetsSent?: number;
  readonly packetsReceived?: number;
  readonly packetsLost?: number;
  readonly framesPerSecond?: number;
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  /** Seconds (remote-inbound-rtp). */
  readonly roundTripTime?: number;
  /** Seconds (candidate-pair). */
  readonly currentRoundTripTime?: number;
  readonly nominated?: boolean;
  readonly state?: string;
}

export type Direction = 'send' | 'receive';

/** Counters of one track's RTP streams at one moment (simulcast layers summed). */
export interface RtpSample {
  readonly at: number;
  readonly bytes: number;
  readonly packets: number;
  readonly lost: number;
  readonly fps?: number;
  readonly width?: number;
  readonly height?: number;
  /** Milliseconds. */
  readonly rtt?: number;
}

/** What the stats panel shows for one track (SPEC R11). */
export interface TrackStats {
  readonly id: string;
  readonly participant: string;
  readonly source: string;
  readonly kind: 'audio' | 'video';
  readonly direction: Direction;
  /** Bits per second over the last interval. */
  readonly bitrate: number;
  readonly fps?: number;
  readonly width?: number;
  readonly height?: number;
  /** Lost packets over the last interval, 0…1. */
  readonly loss: number;
  readonly rtt?: number;
}

const max = (a: number | undefined, b: number | undefined) => (b === undefined ? a : a === undefined ? b : Math.max(a, b));

/** Sums a track's RTP streams of one direction; the round-trip time from RTCP, else from the ICE pair. */
export function sampleOf(entries: Iterable<StatEntry>, direction: Direction, at: number): RtpSample {
  let bytes = 0;
  let packets = 0;
  let lost = 0;
  let fps: number | undefined;
  let width: number | undefined;
  let height: number | undefined;
  let rtcpRtt: number | undefined;
  let pairRtt: number | undefined;
  for (const e of entries) {
    if (direction === 'send' && e.type === 'outbound-rtp') {
      bytes += e.bytesSent ?? 0;
      packets += e.packetsSent ?? 0;
      fps = max(fps, e.framesPerSecond);
      width = max(width, e.frameWidth);
      height = max(height, e.frameHeight);
    } else if (direction === 'send' && e.type === 'remote-inbound-rtp') {
      lost += e.packetsLost ?? 0;
      rtcpRtt = max(rtcpRtt, e.roundTripTime);
    } else if (direction === 'receive' && e.type === 'inbound-rtp') {
      bytes += e.bytesReceived ?? 0;
      packets += e.packetsReceived ?? 0;
      lost += e.packetsLost ?? 0;
      fps = max(fps, e.framesPerSecond);
      width = max(width, e.frameWidth);
      height = max(height, e.frameHeight);
    } else if (e.type === 'candidate-pair' && e.nominated && e.state === 'succeeded') {
      pairRtt = max(pairRtt, e.currentRoundTripTime);
    }
  }
  const rtt = rtcpRtt ?? pairRtt;
  return { at, bytes, packets, lost, fps, width, height, rtt: rtt === undefined ? undefined : Math.round(rtt * 1000) };
}

/** Bits per second between two samples (0 for the first one, or after the counters restarted). */
export function bitrateBetween(prev: RtpSample | undefined, next: RtpSample): number {
  if (!prev || next.at <= prev.at || next.bytes < prev.bytes) return 0;
  return Math.round(((next.bytes - prev.bytes) * 8 * 1000) / (next.at - prev.at));
}

/** The share of packets lost between two samples (0…1); since the start for the first one. */
export function lossBetween(prev: RtpSample | undefined, next: RtpSample, direction: Direction): number {
  const lost = next.lost - (prev?.lost ?? 0);
  const packets = next.packets - (prev?.packets ?? 0);
  // Received packets do not count the lost ones; sent packets do.
  const total = direction === 'receive' ? packets + lost : packets;
  return lost > 0 && total > 0 ? Math.min(1, lost / total) : 0;
}

/** `350 kbps`, `1.2 Mbps`. */
export function formatBitrate(bps: number): string {
  if (bps >= 1_000_000) return `${(bps / 1_000_000).toFixed(1)} Mbps`;
  return `${Math.round(bps / 1000)} kbps`;
}

/** The panel as plain text, one line per track, for a support request. */
export function statsText(stats: readonly TrackStats[], at: Date): string {
  const lines = stats.map((s) =>
    [
      `${s.direction} ${s.kind} ${s.source} ${s.participant}`,
      formatBitrate(s.bitrate),
      s.fps !== undefined ? `${Math.round(s.fps)} fps` : '',
      s.width && s.height ? `${s.width}x${s.height}` : '',
      `loss ${(s.loss * 100).toFixed(1)}%`,
      s.rtt !== undefined ? `rtt ${s.rtt} ms` : '',
    ]
      .filter(Boolean)
      .join(', '),
  );
  return [`meeting stats ${at.toISOString()}`, ...lines].join('\n');
}
