import type { LivekitAdmin, LivekitParticipant, ParticipantUpdate } from '../../src/server/livekit/admin.js';

export type LivekitCall =
  | { op: 'closeRoom'; room: string }
  | { op: 'metadata'; room: string; metadata: string }
  | { op: 'update'; room: string; identity: string; update: ParticipantUpdate }
  | { op: 'mute'; room: string; identity: string; source: string }
  | { op: 'remove'; room: string; identity: string }
  | { op: 'data'; room: string; topic: string; payload: any; to?: string[] };

/** Stands in for LiveKit's admin API in server tests: records what the server told LiveKit. */
export class FakeLivekit implements LivekitAdmin {
  calls: LivekitCall[] = [];
  /** Who LiveKit holds in each room, as a test sets it (for the watchdog's reconcile). */
  readonly participants = new Map<string, LivekitParticipant[]>();

  take(): LivekitCall[] {
    const out = this.calls;
    this.calls = [];
    return out;
  }

  async closeRoom(room: string) {
    this.calls.push({ op: 'closeRoom', room });
  }
  async listRooms() {
    return [...this.participants].map(([name, people]) => ({ name, participants: people.length }));
  }
  async listParticipants(room: string): Promise<LivekitParticipant[]> {
    return this.participants.get(room) ?? [];
  }
  async updateRoomMetadata(room: string, metadata: string) {
    this.calls.push({ op: 'metadata', room, metadata });
  }
  async updateParticipant(room: string, identity: string, update: ParticipantUpdate) {
    this.calls.push({ op: 'update', room, identity, update });
    return true;
  }
  async mute(room: string, identity: string, source: 'microphone' | 'camera') {
    this.calls.push({ op: 'mute', room, identity, source });
  }
  async removeParticipant(room: string, identity: string) {
    this.calls.push({ op: 'remove', room, identity });
  }
  async sendData(room: string, topic: string, payload: unknown, to?: string[]) {
    this.calls.push({ op: 'data', room, topic, payload, to });
  }
}
