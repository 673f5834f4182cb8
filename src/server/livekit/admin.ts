import { RoomServiceClient } from 'livekit-server-sdk';
import type { Logger } from 'pino';

/** What the services need of LiveKit's admin API (a fake stands in for it in unit tests). */
export interface LivekitAdmin {
  /** Closes a room, disconnecting everyone in it. A room that does not exist is not an error. */
  closeRoom(roomName: string): Promise<void>;
  /** The rooms LiveKit has open now, with how many people are in each. */
  listRooms(): Promise<Array<{ name: string; participants: number }>>;
}

export class LivekitAdminClient implements LivekitAdmin {
  private readonly client: RoomServiceClient;

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

  async closeRoom(roomName: string): Promise<void> {
    try {
      await this.client.deleteRoom(roomName);
    } catch (err) {
      // "not found" means nobody is in it; anything else is logged, the meeting still ends.
      if (!/not.?found/i.test(String(err))) this.log.warn({ err: String(err), roomName }, 'could not close LiveKit room');
    }
  }
}
