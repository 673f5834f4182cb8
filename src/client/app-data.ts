import type { ByteStreamReader, Room } from 'livekit-client';
import {
  APP_DATA_MAX_BYTES,
  APP_DATA_PACKET_MAX,
  APP_DATA_STREAM_TOPIC,
  APP_TOPIC_MAX_LENGTH,
  DEFAULT_APP_TOPIC,
  isReservedTopic,
  type AppDataMessage,
  type AppDataOptions,
  type AppDataProgress,
} from '../protocol/app-data.js';
import { ErrorCode } from '../protocol/errors.js';
import { MeetingClientError } from './join-api.js';
import { ConnectionState } from './livekit-values.js';
import { listen, type MeetingPart } from './part.js';

/** How much of a byte stream is written at a time (one progress step). */
const STREAM_PIECE = 64 * 1024;

/**
 * Application data (SPEC R12): participant to participant, not through the server and not subject
 * to the chat policy (it is the app's own channel). LiveKit still decides who may send at all: the
 * server takes `canPublishData` from anyone it bans or has not let in, and a send then is refused.
 */
export class AppData implements MeetingPart {
  private room?: Room;

  constructor(
    private readonly onData: (message: AppDataMessage) => void,
    private readonly onProgress: (progress: AppDataProgress) => void,
  ) {}

  attach(room: Room): () => void {
    this.room = room;
    room.registerByteStreamHandler(APP_DATA_STREAM_TOPIC, (reader, { identity }) => void this.read(reader, identity).catch(() => undefined));
    const off = listen(room, {
      dataReceived: (payload, participant, _kind, topic) => {
        if (!participant || !topic || isReservedTopic(topic)) return;
        this.onData({ from: participant.identity, topic, data: decode(payload, 'json') });
      },
    });
    return () => {
      off();
      room.unregisterByteStreamHandler(APP_DATA_STREAM_TOPIC);
      if (this.room === room) this.room = undefined;
    };
  }

  /**
   * Sends `data` (a JSON value, or bytes as an `ArrayBuffer` or typed array) to everyone or to
   * `to`; resolves once LiveKit took it all, or rejects with a `MeetingClientError`.
   */
  async send(data: unknown, opts: AppDataOptions = {}): Promise<void> {
    const room = this.room;
    if (!room || room.state !== ConnectionState.Connected) throw new MeetingClientError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Join the meeting first');
    const topic = opts.topic ?? DEFAULT_APP_TOPIC;
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > APP_TOPIC_MAX_LENGTH) throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, `A topic is 1 to ${APP_TOPIC_MAX_LENGTH} characters`);
    if (isReservedTopic(topic)) throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, `The topic "${topic}" is reserved for the meeting itself`);
    const to = opts.to === undefined ? undefined : [...opts.to];
    if (to && (to.length === 0 || to.some((id) => typeof id !== 'string' || !room.remoteParticipants.has(id)))) {
      throw new MeetingClientError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Send to people in the meeting (other than yourself)');
    }
    if (room.localParticipant.permissions?.canPublishData === false) throw new MeetingClientError(ErrorCode.NO_PERMISSION, 'You may not send data in this meeting');
    const binary = data instanceof ArrayBuffer || ArrayBuffer.isView(data);
    const bytes = binary ? asBytes(data) : encodeJson(data);
    if (bytes.byteLength > APP_DATA_MAX_BYTES) throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, `App data is at most ${APP_DATA_MAX_BYTES / 1024 / 1024} MB`);
    try {
      if (!binary && bytes.byteLength <= APP_DATA_PACKET_MAX) {
        await room.localParticipant.publishData(bytes, { reliable: true, topic, destinationIdentities: to });
        opts.onProgress?.(1);
        return;
      }
      // Written in pieces (not `sendBytes`, which reports a buffer in memory as one step): the progress is real.
      const writer = await room.localParticipant.streamBytes({ topic: APP_DATA_STREAM_TOPIC, name: topic, attributes: { topic, kind: binary ? 'bytes' : 'json' }, destinationIdentities: to, totalSize: bytes.byteLength });
      for (let at = 0; at < bytes.byteLength; at += STREAM_PIECE) {
        await writer.write(bytes.subarray(at, at + STREAM_PIECE));
        opts.onProgress?.(Math.min(1, (at + STREAM_PIECE) / bytes.byteLength));
      }
      await writer.close();
    } catch (err) {
      throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `LiveKit did not take the data: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async read(reader: ByteStreamReader, from: string): Promise<void> {
    const topic = reader.info.attributes?.topic || DEFAULT_APP_TOPIC;
    if (isReservedTopic(topic)) return;
    const { id } = reader.info;
    reader.onProgress = (progress) => progress !== undefined && this.onProgress({ id, from, topic, progress });
    const chunks = await reader.readAll();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    this.onData({ from, topic, data: decode(bytes, reader.info.attributes?.kind === 'bytes' ? 'bytes' : 'json') });
  }
}

/** A copy: the app may reuse its buffer while the stream is still sending. */
function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  const view = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy;
}

function encodeJson(data: unknown): Uint8Array<ArrayBuffer> {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, 'App data is a JSON value or bytes');
  return new TextEncoder().encode(text);
}

/** JSON as its value; what is not JSON (another client's raw bytes) as the bytes. */
function decode(payload: Uint8Array, kind: 'json' | 'bytes'): unknown {
  if (kind === 'bytes') return payload;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return payload;
  }
}
