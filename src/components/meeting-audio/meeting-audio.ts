import { css, html } from 'lit';
import { query } from 'lit/decorators.js';
import type { Track } from 'livekit-client';
import { MeetingElement } from '../meeting-element.js';

/**
 * Plays the others' sound: one `<audio>` per remote microphone and screen-share audio in the
 * snapshot, attached while the person is there. When the browser blocks playback until a click,
 * the snapshot says `audioBlocked` and `controller.startAudio()` resumes these.
 */
export class MeetingAudio extends MeetingElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  @query('div') private container?: HTMLDivElement;
  private readonly playing = new Map<Track, HTMLMediaElement>();

  override render() {
    return html`<div aria-hidden="true"></div>`;
  }

  protected override updated(): void {
    const tracks = new Set((this.snapshot?.participants ?? []).flatMap((p) => [p.audioTrack, p.screenAudioTrack]).filter((t) => t !== undefined));
    for (const [track, el] of this.playing) if (!tracks.has(track)) this.stop(track, el);
    for (const track of tracks) {
      if (this.playing.has(track) || !this.container) continue;
      const el = track.attach();
      el.dataset.meetingAudio = '';
      this.container.append(el);
      this.playing.set(track, el);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // moved elsewhere on the page: attach again
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const [track, el] of this.playing) this.stop(track, el);
  }

  private stop(track: Track, el: HTMLMediaElement): void {
    track.detach(el);
    el.remove();
    this.playing.delete(track);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-audio': MeetingAudio;
  }
}
