import { DataPacket_Kind, RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import type { Source } from '../../protocol/live.js';
import { SOURCE_ENUM } from './sources.js';
import { connectedAt } from './webhooks.js';

/** A person's LiveKit permissions and attributes, always sent whole (DESIGN "LiveKit facts"). */
export interface ParticipantUpdate {
  sources: readonly Source[];
  canSubscribe: boolean;
  canPublishData: boolean;
  attributes: Record<string, string>;
  name?: string;
}

/** A connection LiveKit holds: who, which session, since when (ms). */
export interface LivekitParticipant {
  identity: string;
  sid: string;
  joinedAt: number;
}

/** What the services need of LiveKit's admin API (a fake stands in for it in unit tests). */
export interface LivekitAdmin {
  /** Closes a room, disconnecting everyone in it. A room that does not exist is not an error. */
  closeRoom(roomName: string): Promise<void>;
  /** The rooms LiveKit has open now, with how many people are in each. */
  listRooms(): Promise<Array<{ name: string; participants: number }>>;
  /** Who LiveKit holds in a room now (none when the room does not exist). */
  listParticipants(roomName: string): Promise<LivekitParticipant[]>;
  updateRoomMetadata(roomName: string, metadata: string): Promise<void>;
  /** Replaces a present person's permissions and attributes; false when they are not in the room. */
  updateParticipant(roomName: string, identity: string, update: ParticipantUpdate): Promise<boolean>;
  /** Mutes what someone publishes from a source (never unmutes: LiveKit's remote unmute stays off). */
  mute(roomName: string, identity: string, source: 'microphone' | 'camera'): Promise<void>;
  removeParticipant(roomName: string, identity: string): Promise<void>;
  /** A hint on the control topic from the server itself (no participant sender). */
  sendData(roomName: string, topic: string, payload: unknown, to?: string[]): Promise<void>;
  /** LiveKit's webhooks tell of published tracks: remembered, a mute needs no lookup first. */
  noteTrack?(roomName: string, identity: string, source: Source | 'unknown', sid: string, published: boolean): void;
}

function notFound(err: unknown): boolean {
  return /not.?found|does not exist/i.test(String(err));
}

export class LivekitAdminClient implements LivekitAdmin {
  private readonly client: RoomServiceClient;
  /**
   * Track ids by `room/identity` and source, from this node's webhooks: a per-node cache that only
   * saves the lookup before a mute (a miss, or an id gone stale, asks LiveKit). Nothing decides on it.
   */
  private readonly trackIds = new Map<string, Map<Source | 'unknown', string>>();

  constructor(
    url: string,
    apiKey: string,
    apiSecret: string,
    private readonly log: Logger,
  ) {
    this.client = new RoomServiceClient(url.replace(/^ws/, 'http'), apiKey, apiSecret);
  }

  async listRooms(): Promise<Array<{ name: string; participants: number }>> {
    const rooms = await this.client.listRooms();
    // Room.numParticipants lags behind joins (seen on 1.13.5), so people are counted room by room.
    return Promise.all(rooms.map(async (room) => ({ name: room.name, participants: (await this.client.listParticipants(room.name)).length })));
  }

  async listParticipants(roomName: string): Promise<LivekitParticipant[]> {
    try {
      const people = await this.client.listParticipants(roomName);
      return people.map((p) => ({ identity: p.identity, sid: p.sid, joinedAt: connectedAt(p.joinedAtMs, p.joinedAt) ?? 0 }));
    } catch (err) {
      if (notFound(err)) return [];
      throw err;
    }
  }

  async closeRoom(roomName: string): Promise<void> {
    try {
      await this.client.deleteRoom(roomName);
    } catch (err) {
      // "not found" means nobody is in it; anything else is logged, the meeting still ends.
      if (!notFound(err)) this.log.warn({ err: String(err), roomName }, 'could not close LiveKit room');
    }
  }

  async updateRoomMetadata(roomName: string, metadata: string): Promise<void> {
    try {
      await this.client.updateRoomMetadata(roomName, metadata);
    } catch (err) {
      // No room yet: room_started re-applies the policy when it opens.
      if (!notFound(err)) throw err;
    }
  }

  async updateParticipant(roomName: string, identity: string, update: ParticipantUpdate): Promise<boolean> {
    try {
      await this.client.updateParticipant(roomName, identity, {
        name: update.name,
        attributes: update.attributes,
        permission: {
          canSubscribe: update.canSubscribe,
          canPublish: update.sources.length > 0,
          canPublishData: update.canPublishData,
          canPublishSources: update.sources.map((s) => SOURCE_ENUM[s]),
          canUpdateMetadata: false,
          hidden: false,
        },
      });
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  noteTrack(roomName: string, identity: string, source: Source | 'unknown', sid: string, published: boolean): void {
    const key = `${roomName}/${identity}`;
    if (this.trackIds.size > 50_000) this.trackIds.clear();
    const byKind = this.trackIds.get(key) ?? new Map<Source | 'unknown', string>();
    if (published) byKind.set(source, sid);
    else if (byKind.get(source) === sid) byKind.delete(source);
    this.trackIds.set(key, byKind);
  }

  async mute(roomName: string, identity: string, source: 'microphone' | 'camera'): Promise<void> {
    const known = this.trackIds.get(`${roomName}/${identity}`)?.get(source);
    if (known) {
      try {
        await this.client.mutePublishedTrack(roomName, identity, known, true);
        return;
      } catch {
        // gone or replaced since the webhook: look it up below
      }
    }
    let tracks;
    try {
      tracks = (await this.client.getParticipant(roomName, identity)).tracks;
    } catch (err) {
      if (notFound(err)) return;
      throw err;
    }
    const wanted = SOURCE_ENUM[source];
    const kind = source === 'microphone' ? TrackType.AUDIO : TrackType.VIDEO;
    const targets = tracks.filter((t) => (t.source === wanted || (t.source === TrackSource.UNKNOWN && t.type === kind)) && !t.muted);
    await Promise.all(targets.map((t) => this.client.mutePublishedTrack(roomName, identity, t.sid, true)));
  }

  async removeParticipant(roomName: string, identity: string): Promise<void> {
    try {
      await this.client.removeParticipant(roomName, identity);
    } catch (err) {
      if (!notFound(err)) throw err;
    }
  }

  async sendData(roomName: string, topic: string, payload: unknown, to?: string[]): Promise<void> {
    try {
      await this.client.sendData(roomName, new TextEncoder().encode(JSON.stringify(payload)), DataPacket_Kind.RELIABLE, { topic, destinationIdentities: to });
    } catch (err) {
      if (!notFound(err)) throw err;
    }
  }
}
