import { EventEmitter } from 'node:events';

/**
 * Server → browser pushes outside LiveKit (DESIGN "Push"): whoever changes something publishes its
 * topic once the change has committed; listeners re-read what they show. A topic carries no data, so
 * the in-process emitter here can be replaced by PostgreSQL LISTEN/NOTIFY (a channel per topic kind,
 * the topic as payload) for several replicas without changing a publisher or a listener.
 */
export interface Notifier {
  publish(topic: string): void;
  /** Returns the unsubscribe. */
  subscribe(topic: string, listener: () => void): () => void;
}

/** One node: listeners in this process. */
export class InProcessNotifier implements Notifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(topic: string): void {
    this.emitter.emit(topic);
  }

  subscribe(topic: string, listener: () => void): () => void {
    this.emitter.on(topic, listener);
    return () => void this.emitter.off(topic, listener);
  }
}

/** The topic of a meeting's waiting room: any change to its admissions or its liveness. */
export const waitingTopic = (meetingId: number) => `waiting:${meetingId}`;
