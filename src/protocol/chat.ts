/** A chat message as the server stored and relayed it (SPEC R5). No zod here: the browser reads it. */
export interface ChatMessage {
  /** Grows with each message of the meeting: a page orders and de-duplicates by it. */
  readonly id: number;
  readonly from: string;
  readonly fromName: string;
  /** The one person it was written to, or null for everyone. */
  readonly to: string | null;
  /** May be empty when the message is a file. */
  readonly text: string;
  /** When the server took it (ms since epoch). */
  readonly at: number;
  /** A file the sender streams right after (absent for text). */
  readonly file?: ChatFile;
}

/**
 * A file in the chat, as its sender announced it to the server. The bytes never pass the server:
 * the sender streams them over LiveKit on `CHAT_FILE_TOPIC` with `stream` as the stream id, and a
 * page takes a stream only when the server relayed a message announcing that id, sender and size.
 */
export interface ChatFile {
  /** A plain file name, no folders. */
  readonly name: string;
  /** In bytes. */
  readonly size: number;
  /** The MIME type the sender's browser gave, or '' when unknown. */
  readonly type: string;
  /** The LiveKit byte stream's id, chosen by the sender. */
  readonly stream: string;
}

/** The longest message, in characters. */
export const CHAT_MAX_LENGTH = 10_000;

/** How many past messages a page gets when it joins. */
export const CHAT_HISTORY = 200;

/** The LiveKit byte streams that carry chat files (reserved: app data may not use `meeting.` topics). */
export const CHAT_FILE_TOPIC = 'meeting.chat-file';

/** The longest file name, in characters. */
export const CHAT_FILE_NAME_MAX = 255;

/** The server's size limit when its setting (`CHAT_FILE_MAX_MB`) is not given. */
export const CHAT_FILE_DEFAULT_MAX_MB = 25;

/** The image types shown as thumbnails; anything else (SVG above all: it can hold script) is a download. */
const THUMBNAIL_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const isThumbnail = (type: string): boolean => THUMBNAIL_TYPES.includes(type);
