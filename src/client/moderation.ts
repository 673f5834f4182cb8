import type { Room } from 'livekit-client';
import { CONTROL_TOPIC, parsePolicy, type ControlHint } from '../protocol/control.js';
import { Role, isModerator } from '../protocol/roles.js';
import type { MeetingApi, Seat } from './meeting-api.js';
import type { Notices } from './notices.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { roleOf } from './participants.js';
import { allowedOf, guardSubscriptions } from './permissions.js';

/**
 * What the hosts decided, as this page sees it: the policy from the room metadata, what I may
 * publish (my permissions), the server's hints, and the waiting queue for moderators. Its slice:
 * `policy`, `allowed`, `waitingQueue`, and the meeting's subject when a host renames it.
 */
export class Moderation implements MeetingPart {
  /** My role as last read: becoming a moderator loads the waiting queue. */
  private role: Role = Role.ATTENDEE;

  constructor(
    private readonly host: PartHost<'policy' | 'allowed' | 'waitingQueue' | 'meeting'>,
    private readonly api: MeetingApi,
    private readonly seat: () => Seat | undefined,
    private readonly notices: Notices,
    /** Parts that act on a hint themselves (the recorder stops when the host forbids recording). */
    private readonly heard: (hint: ControlHint) => void = () => undefined,
  ) {}

  attach(room: Room): () => void {
    return listen(room, {
      roomMetadataChanged: () => {
        const policy = parsePolicy(room.metadata);
        const { policy: current, meeting } = this.host.snapshot;
        if (policy.rev < current.rev) return;
        this.host.set({ policy, meeting: meeting && { ...meeting, subject: policy.subject || meeting.subject } });
        guardSubscriptions(room, policy.bans);
      },
      participantConnected: () => guardSubscriptions(room, this.host.snapshot.policy.bans),
      participantPermissionsChanged: (_prev, participant) => {
        if (participant === room.localParticipant) this.readAllowed(room);
      },
      dataReceived: (payload, participant, _kind, topic, _encryption, senderIdentity) => {
        // Only the server's own packets (no participant sender) count; anyone can send on any topic.
        // A sender not (or no longer) in the room has no participant object but still has an identity.
        if (topic !== CONTROL_TOPIC || participant || senderIdentity) return;
        let hint: ControlHint;
        try {
          hint = JSON.parse(new TextDecoder().decode(payload)) as ControlHint;
        } catch {
          return; // not ours
        }
        this.onHint(hint);
      },
    });
  }

  connected(room: Room): void {
    const policy = parsePolicy(room.metadata);
    this.host.set({ policy, allowed: Object.freeze(allowedOf(room)) });
    guardSubscriptions(room, policy.bans);
    // Already a moderator when the meeting showed before the media connection was up: the queue is read.
    const known = isModerator(this.role);
    this.role = this.host.snapshot.me?.role ?? Role.ATTENDEE;
    if (isModerator(this.role) && !known) void this.refreshWaiting();
  }

  refresh(room: Room): void {
    const role = roleOf(room.localParticipant);
    const becameModerator = isModerator(role) && !isModerator(this.role);
    this.role = role;
    this.readAllowed(room);
    if (!isModerator(role) && this.host.snapshot.waitingQueue.length > 0) this.host.set({ waitingQueue: Object.freeze([]) });
    if (becameModerator) void this.refreshWaiting();
  }

  reset(): void {
    this.role = Role.ATTENDEE;
  }

  /** Re-reads the waiting room (moderators); tells them when someone new waits. */
  async refreshWaiting(): Promise<void> {
    const seat = this.seat();
    if (!seat) return;
    try {
      const queue = await this.api.waiting(seat);
      const grew = queue.some((p) => !this.host.snapshot.waitingQueue.some((q) => q.identity === p.identity));
      this.host.set({ waitingQueue: Object.freeze(queue) });
      if (grew) this.notices.add({ type: 'waiting' });
    } catch {
      this.host.set({ waitingQueue: Object.freeze([]) });
    }
  }

  /** A hint from the server (never from a participant): re-read, and tell the person. */
  private onHint(hint: ControlHint): void {
    if (hint.type === 'waiting') {
      void this.refreshWaiting();
      return;
    }
    this.notices.add({ type: hint.type, by: hint.by, role: hint.role });
    this.heard(hint);
    this.host.refresh();
  }

  private readAllowed(room: Room): void {
    const allowed = allowedOf(room);
    const current = this.host.snapshot.allowed;
    if (allowed.mic !== current.mic || allowed.camera !== current.camera || allowed.screen !== current.screen) this.host.set({ allowed: Object.freeze(allowed) });
  }
}
