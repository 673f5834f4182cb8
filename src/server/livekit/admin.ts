import { RoomServiceClient } from 'livekit-server-sdk';
import type { Logger } from 'pino';

/** What the services need of LiveKit's admin API (a fake stands in for it in unit tests). */
export interface LivekitAdmin {
  /** Closes a room, disconnecting everyone in it. A room that does not exist is not an error. */
  closeRoom(roomName: string): Promise<void>;
  /** Names of the rooms LiveKit has open now. */
  listRoomNames(): Promise<string[]>;
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

  async listRoomNames(): Promise<string[]> {
    return (await this.client.listRooms()).map((room) => room.name);
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
