/**
 * Application data (SPEC R12): what a page sends to everyone or to named people, participant to
 * participant, on a topic of its own. JSON values up to `APP_DATA_PACKET_MAX` bytes travel as one
 * reliable LiveKit data packet on the topic itself; binary data and anything larger as a LiveKit
 * byte stream on `APP_DATA_STREAM_TOPIC`, with the app's topic in its attributes.
 */

/** Topics the product uses itself (ours and LiveKit's): an app may not send on them. */
export const RESERVED_TOPIC_PREFIXES = ['meeting.', 'lk.', 'lk-'] as const;

/** The topic when the app names none. */
export const DEFAULT_APP_TOPIC = 'app';

/** The byte streams that carry app data (the app's topic is in the stream's attributes). */
export const APP_DATA_STREAM_TOPIC = 'meeting.app-data';

/** The largest JSON sent as a single packet (LiveKit's packets are at most ~15 KiB). */
export const APP_DATA_PACKET_MAX = 15 * 1024;

/** The largest payload at all. */
export const APP_DATA_MAX_BYTES = 32 * 1024 * 1024;

export const APP_TOPIC_MAX_LENGTH = 64;

export const isReservedTopic = (topic: string): boolean => RESERVED_TOPIC_PREFIXES.some((p) => topic.startsWith(p));

/** What a page receives: who sent it, on what topic, and the data (a JSON value, or bytes as a `Uint8Array`). */
export interface AppDataMessage {
  readonly from: string;
  readonly topic: string;
  readonly data: unknown;
}

/** How far a byte stream of app data has arrived (0 to 1). */
export interface AppDataProgress {
  readonly id: string;
  readonly from: string;
  readonly topic: string;
  readonly progress: number;
}

export interface AppDataOptions {
  /** Identities to send to; everyone when absent. */
  readonly to?: readonly string[];
  readonly topic?: string;
  /** How far the sending has got (0 to 1); called once with 1 for a single packet. */
  readonly onProgress?: (progress: number) => void;
}
