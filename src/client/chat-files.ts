import type { ByteStreamReader, DataStreamError, Room } from 'livekit-client';
import { ConnectionState, DataStreamErrorReason } from './livekit-values.js';
import { CHAT_FILE_TOPIC, isThumbnail, type ChatFile, type ChatMessage } from '../protocol/chat.js';
import { ErrorCode } from '../protocol/errors.js';
import { MeetingClientError } from './join-api.js';
import type { Seat } from './meeting-api.js';
import type { MeetingPart, PartHost } from './part.js';

/** One file of the chat on its way, to me or from me; keyed by its stream id (the file's id). */
export interface FileTransfer {
  readonly id: string;
  readonly direction: 'send' | 'receive';
  readonly status: 'active' | 'done' | 'cancelled' | 'failed';
  /** How much has gone or arrived, 0 to 1. */
  readonly progress: number;
  /** Who stopped it: me, or (receiving) its sender. */
  readonly cancelledBy?: 'me' | 'sender';
  /**
   * A blob URL of the whole file, once here (and of my own image as I send it). Typed as the image
   * only for thumbnail types; anything else is `application/octet-stream`, so opening it never
   * renders it in this page's origin.
   */
  readonly url?: string;
}

export interface FilesState {
  /** By id. Files the page did not see live (history, another session) are absent: no longer available. */
  readonly transfers: Readonly<Record<string, FileTransfer>>;
  /** The last file the server would not take, and why (`maxMb` when it was over the limit); until the next one. */
  readonly refused?: { readonly name: string; readonly code: number; readonly msg: string; readonly maxMb?: number };
}

export const initialFiles: FilesState = Object.freeze({ transfers: Object.freeze({}) });

/** How much is read from the file and written at a time (one progress step). */
const PIECE = 64 * 1024;
/** How long an announcement waits for its stream, and a stream for its announcement (they travel apart). */
const MATCH_WAIT_MS = 10_000;

type Announce = (seat: Seat, body: { text: string; to: string | null; file: ChatFile }) => Promise<ChatMessage>;

/**
 * Files in the chat (SPEC R5), the `files` slice. The sender announces a file to the server like a
 * message (the server applies the chat policy and the size limit), then streams its bytes over
 * LiveKit with the announced stream id. A page takes a stream only when the server relayed a
 * message announcing that id from that sender with that size: anything else on the topic is left
 * unread. Received files stay in memory as blob URLs and are never opened by themselves.
 */
export class ChatFiles implements MeetingPart {
  private room?: Room;
  /** Announced files whose stream has not begun, by `streamKey`. */
  private readonly announced = new Map<string, { message: ChatMessage; timer: ReturnType<typeof setTimeout> }>();
  /** Streams that began before their announcement came, by `streamKey`. */
  private readonly early = new Map<string, { reader: ByteStreamReader; timer: ReturnType<typeof setTimeout> }>();
  /** What stops each transfer under way. */
  private readonly stops = new Map<string, AbortController>();

  constructor(
    private readonly host: PartHost<'files'>,
    private readonly announce: Announce,
  ) {}

  attach(room: Room): () => void {
    this.room = room;
    room.registerByteStreamHandler(CHAT_FILE_TOPIC, (reader, { identity }) => this.arrived(reader, identity));
    return () => {
      room.unregisterByteStreamHandler(CHAT_FILE_TOPIC);
      if (this.room === room) this.room = undefined;
      this.drop();
    };
  }

  reset(): void {
    this.drop();
  }

  /**
   * Announces `file` to the server, then streams it; answers whether it all went (false when
   * cancelled). A refusal of the server, or LiveKit not taking it, is thrown as `MeetingClientError`.
   */
  async send(seat: Seat, file: Blob, to: string | null): Promise<boolean> {
    const room = this.room;
    if (!room || room.state !== ConnectionState.Connected) throw new MeetingClientError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Join the meeting first');
    const id = crypto.randomUUID();
    const name = file instanceof File ? file.name : 'file';
    this.host.set({ files: Object.freeze({ transfers: this.host.snapshot.files.transfers }) });
    let message: ChatMessage;
    try {
      message = await this.announce(seat, { text: '', to, file: { name, size: file.size, type: file.type, stream: id } });
    } catch (err) {
      if (err instanceof MeetingClientError) {
        const maxMb = typeof err.details?.maxMb === 'number' ? err.details.maxMb : undefined;
        this.host.set({ files: Object.freeze({ ...this.host.snapshot.files, refused: Object.freeze({ name, code: err.code, msg: err.msg, maxMb }) }) });
      }
      throw err;
    }
    const stop = new AbortController();
    this.stops.set(id, stop);
    const type = message.file!.type;
    this.put({ id, direction: 'send', status: 'active', progress: 0, url: isThumbnail(type) ? blobUrl(file, type) : undefined });
    try {
      const writer = await room.localParticipant.streamBytes({
        topic: CHAT_FILE_TOPIC,
        streamId: id,
        name: message.file!.name,
        mimeType: type || undefined,
        totalSize: file.size,
        destinationIdentities: to === null ? undefined : [to],
      });
      for (let at = 0; at < file.size && !stop.signal.aborted; at += PIECE) {
        await writer.write(new Uint8Array(await file.slice(at, at + PIECE).arrayBuffer()));
        this.progress(id, Math.min(1, (at + PIECE) / file.size));
      }
      // Cancelled, the stream ends short: receivers' readers fail as incomplete, which they show as cancelled by me.
      await writer.close();
    } catch (err) {
      // Stopped (by me, or by leaving), a failure of the stream's end is no news.
      if (stop.signal.aborted) return this.cancelled(id);
      this.update(id, { status: 'failed' });
      throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `LiveKit did not take the file: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.stops.delete(id);
    }
    if (stop.signal.aborted) return this.cancelled(id);
    this.update(id, { status: 'done', progress: 1 });
    return true;
  }

  private cancelled(id: string): false {
    this.update(id, { status: 'cancelled', cancelledBy: 'me' });
    return false;
  }

  /** Stops a file on its way: sending, for everyone; receiving, for me only. */
  cancel(id: string): void {
    for (const [key, waiting] of this.announced) {
      if (waiting.message.file?.stream !== id) continue;
      clearTimeout(waiting.timer);
      this.announced.delete(key);
      this.update(id, { status: 'cancelled', cancelledBy: 'me' });
    }
    this.stops.get(id)?.abort();
  }

  /** A message the server relayed live: when it announces someone else's file, its stream is awaited. */
  announcement(message: ChatMessage): void {
    const file = message.file;
    if (!file || message.from === this.host.snapshot.me?.identity || this.host.snapshot.files.transfers[file.stream]) return;
    this.put({ id: file.stream, direction: 'receive', status: 'active', progress: 0 });
    const key = streamKey(file.stream, message.from);
    const early = this.early.get(key);
    if (early) {
      clearTimeout(early.timer);
      this.early.delete(key);
      void this.receive(early.reader, message);
      return;
    }
    const timer = setTimeout(() => {
      this.announced.delete(key);
      this.update(file.stream, { status: 'failed' });
    }, MATCH_WAIT_MS);
    this.announced.set(key, { message, timer });
  }

  /**
   * A stream on the topic. Matched by id and sender: someone copying an announced id gets nowhere
   * (their stream is left unread, the announcement still waits for its sender).
   */
  private arrived(reader: ByteStreamReader, from: string): void {
    const key = streamKey(reader.info.id, from);
    const waiting = this.announced.get(key);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.announced.delete(key);
      void this.receive(reader, waiting.message);
      return;
    }
    if (this.early.has(key) || this.host.snapshot.files.transfers[reader.info.id]) return;
    // Its announcement may still be on its way; a stream the server never announces is left unread.
    this.early.set(key, { reader, timer: setTimeout(() => this.early.delete(key), MATCH_WAIT_MS) });
  }

  private async receive(reader: ByteStreamReader, message: ChatMessage): Promise<void> {
    const file = message.file!;
    const id = file.stream;
    if (reader.info.size !== file.size) {
      this.update(id, { status: 'failed' });
      return;
    }
    const stop = new AbortController();
    this.stops.set(id, stop);
    reader.onProgress = (progress) => progress !== undefined && this.progress(id, progress);
    try {
      const chunks = await reader.readAll({ signal: stop.signal });
      this.update(id, { status: 'done', progress: 1, url: blobUrl(new Blob(chunks as Uint8Array<ArrayBuffer>[]), file.type) });
    } catch (err) {
      if (stop.signal.aborted) this.cancelled(id);
      else if (isIncomplete(err)) this.update(id, { status: 'cancelled', cancelledBy: 'sender' });
      else this.update(id, { status: 'failed' });
    } finally {
      this.stops.delete(id);
    }
  }

  /** Progress in whole percents: a snapshot per step, not per LiveKit chunk. */
  private progress(id: string, progress: number): void {
    const current = this.host.snapshot.files.transfers[id];
    if (current?.status === 'active' && Math.floor(progress * 100) > Math.floor(current.progress * 100)) this.update(id, { progress });
  }

  private put(transfer: FileTransfer): void {
    const { files } = this.host.snapshot;
    this.host.set({ files: Object.freeze({ ...files, transfers: Object.freeze({ ...files.transfers, [transfer.id]: Object.freeze(transfer) }) }) });
  }

  private update(id: string, change: Partial<FileTransfer>): void {
    const current = this.host.snapshot.files.transfers[id];
    if (current) this.put({ ...current, ...change });
  }

  /** Leaving: transfers stop, pending halves are forgotten, and the files' memory is given back. */
  private drop(): void {
    for (const stop of this.stops.values()) stop.abort();
    for (const { timer } of [...this.announced.values(), ...this.early.values()]) clearTimeout(timer);
    this.announced.clear();
    this.early.clear();
    for (const t of Object.values(this.host.snapshot.files.transfers)) if (t.url) URL.revokeObjectURL(t.url);
    this.host.set({ files: initialFiles });
  }
}

const streamKey = (id: string, from: string) => `${from}\n${id}`;

function blobUrl(bytes: Blob, type: string): string {
  return URL.createObjectURL(new Blob([bytes], { type: isThumbnail(type) ? type : 'application/octet-stream' }));
}

/** livekit-client's "the stream ended before all of it came" (the sender cancelled), told by name: its class is not loaded here. */
function isIncomplete(err: unknown): boolean {
  return err instanceof Error && err.name === 'DataStreamError' && (err as DataStreamError).reason === DataStreamErrorReason.Incomplete;
}
