import type { RemoteTrackPublication, Room } from 'livekit-client';
import { TrackKind, TrackSource, VideoQuality } from './livekit-values.js';
import { computeLayout, screenKey, type Layout } from './layout.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { participantViews } from './participants.js';
import { initialView, unmeasured, type MeetingSnapshot, type VideoQualityChoice, type ViewState } from './snapshot.js';

/** Where every video goes for this snapshot: what the grid draws and what is received, from one function. */
export function layoutOf(s: MeetingSnapshot): Layout {
  return computeLayout({
    participants: s.participants,
    mode: s.view.mode,
    pinned: s.view.pinned,
    spotlight: s.policy.spotlight ?? null,
    activeSpeaker: s.activeSpeaker,
    viewport: s.view.viewport ?? unmeasured,
    page: s.view.page,
    maxVideos: s.view.maxVideos,
  });
}

/**
 * Layout and visibility (SPEC R1): the `view` slice (my choices and the grid's size). The layout
 * follows from it, the people and the policy (`layoutOf`); only the video of tiles on screen is
 * received (the room subscribes to everything at join, `subscribesAtJoin`, and what is off screen is let go at once), all audio always is; in audio-only mode no video is.
 */
export class View implements MeetingPart {
  private room?: Room;

  constructor(private readonly host: PartHost<'view'>) {}

  attach(room: Room): () => void {
    this.room = room;
    // The people already here are known from the join response, before the media connection is
    // up: what is off screen (the grid's size known, a Rejoin) is let go now, not after connect(),
    // and in audio-only mode (no subscription at join) their audio is asked for now.
    const off = listen(room, { signalConnected: () => this.receive(room, participantViews(room)) });
    return () => {
      off();
      if (this.room === room) this.room = undefined;
    };
  }

  connected(room: Room): void {
    this.refresh(room);
  }

  refresh(room: Room): void {
    this.receive(room);
  }

  /** Applies a choice (layout, pin, page, cap) or a new size, and what it changes in what is received. */
  change(change: Partial<ViewState>): void {
    this.host.set({ view: Object.freeze({ ...this.host.snapshot.view, ...change }) });
    if (this.room) this.receive(this.room);
  }

  /**
   * Whether the room subscribes by itself at join (not in audio-only mode): the server then sends
   * the tracks in its first offer, and what is off screen is unsubscribed as soon as the room says
   * who is there (`signalConnected`), or once the grid has told its size. Subscribing to only what is
   * on screen from the start would cost a renegotiation before the first video (a Rejoin: 1.4× the
   * bare page's join).
   */
  get subscribesAtJoin(): boolean {
    return !this.host.snapshot.devices.audioOnly;
  }

  reset(): void {
    const { mode, maxVideos, viewport } = this.host.snapshot.view;
    this.host.set({ view: Object.freeze({ ...initialView, mode, maxVideos, viewport }) });
  }

  /**
   * Subscribes to every audio track, and to the video of what is on screen (and of who speaks, so
   * that speaker view switches without a wait): the rest is unsubscribed.
   */
  private receive(room: Room, people = this.host.snapshot.participants): void {
    const s = { ...this.host.snapshot, participants: people };
    const managed = s.view.viewport !== null;
    const visible = new Set([...layoutOf(s).visible, ...(s.activeSpeaker === null ? [] : [s.activeSpeaker])]);
    for (const p of room.remoteParticipants.values()) {
      for (const pub of p.trackPublications.values()) {
        const key = pub.source === TrackSource.ScreenShare ? screenKey(p.identity) : p.identity;
        // Audio-only mode wants no video at all (SPEC R2).
        const wanted = pub.kind !== TrackKind.Video || (!s.devices.audioOnly && (!managed || visible.has(key)));
        setWanted(pub, wanted);
        if (wanted && pub.kind === TrackKind.Video) setQuality(pub, s.view.quality[key] ?? 'auto');
      }
    }
  }
}

function setWanted(pub: RemoteTrackPublication, wanted: boolean): void {
  if (pub.isDesired !== wanted) pub.setSubscribed(wanted);
}

/** What each publication was last asked for: livekit-client does not say, and `auto` is its default. */
const asked = new WeakMap<RemoteTrackPublication, VideoQualityChoice>();
const layers = { auto: VideoQuality.HIGH, low: VideoQuality.LOW, medium: VideoQuality.MEDIUM, high: VideoQuality.HIGH } as const;

function setQuality(pub: RemoteTrackPublication, choice: VideoQualityChoice): void {
  if ((asked.get(pub) ?? 'auto') === choice) return;
  asked.set(pub, choice);
  // Adaptive stream still bounds every choice by the tile's size: livekit-client has no per-track way
  // past it, so `high` asks for the top layer the tile can use, as `auto` does by default.
  pub.setVideoQuality(layers[choice]);
}
