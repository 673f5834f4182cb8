import { initialSnapshot, type MeetingSnapshot } from './snapshot.js';

/** The one immutable snapshot: replaced on every change, announced once per `batch()`. */
export class SnapshotStore {
  private value: MeetingSnapshot = initialSnapshot;
  private batching = 0;
  private changed = false;

  constructor(private readonly announce: (snapshot: MeetingSnapshot) => void) {}

  get current(): MeetingSnapshot {
    return this.value;
  }

  /** Replaces the given fields; a change that changes nothing keeps the snapshot and says nothing. */
  set(change: Partial<MeetingSnapshot>): void {
    const keys = Object.keys(change) as Array<keyof MeetingSnapshot>;
    if (keys.every((k) => this.value[k] === change[k])) return;
    if (change.preview) Object.freeze(change.preview);
    this.value = Object.freeze({ ...this.value, ...change });
    if (this.batching > 0) this.changed = true;
    else this.announce(this.value);
  }

  /** Runs `changes` (several parts' slices) and announces the result once. */
  batch(changes: () => void): void {
    this.batching++;
    try {
      changes();
    } finally {
      if (--this.batching === 0 && this.changed) {
        this.changed = false;
        this.announce(this.value);
      }
    }
  }
}
