import { ContextEvent } from '@lit/context';
import { localized, msg } from '../i18n/localize.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Track } from 'livekit-client';
import type { MeetingSnapshot, ParticipantView } from '../../client/snapshot.js';
import type { Reaction } from '../../protocol/reactions.js';
import { snapshotContext } from '../context.js';
import { roleText } from '../i18n/texts.js';
import { isPoor, qualityMark } from '../quality.js';
import { handIcon, micOffIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-video-tile.styles.js';

/**
 * One person's video (or their screen share), with their name, a muted-microphone mark, a speaking
 * outline, and initials when the camera is off.
 *
 * @csspart video - the `<video>` element
 * @csspart label - the name bar
 * @csspart placeholder - what shows when there is no video
 * @csspart quality - the signal bars shown when the person's connection is poor
 * @csspart reaction - the person's reaction, shown for a few seconds (announced by `<meeting-room>`)
 * @cssprop --meeting-speaking - outline colour while the person speaks
 */
@localized()
export class MeetingVideoTile extends LitElement {
  static override styles = [tokens, styles];

  /** The person to show (from the snapshot). */
  @property({ attribute: false }) participant?: ParticipantView;

  /** `camera` or `screen`. */
  @property({ reflect: true }) source: 'camera' | 'screen' = 'camera';

  @property({ type: Boolean, reflect: true }) speaking = false;

  /** The person's reaction now, from the meeting's snapshot when inside one. */
  @state() private reaction?: Reaction;
  private reactions: readonly Reaction[] = [];
  private unsubscribeSnapshot?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // Not `@consume`: that renders on every snapshot; this only when the person's reaction changes.
    this.dispatchEvent(new ContextEvent(snapshotContext, this, this.onSnapshot, true));
  }

  private onSnapshot = (snapshot: MeetingSnapshot | undefined, unsubscribe?: () => void) => {
    if (unsubscribe && unsubscribe !== this.unsubscribeSnapshot) {
      this.unsubscribeSnapshot?.();
      this.unsubscribeSnapshot = unsubscribe;
    }
    this.reactions = snapshot?.reactions ?? [];
    const mine = this.mine();
    if (mine?.id !== this.reaction?.id) this.reaction = mine;
  };

  @query('video') private videoEl?: HTMLVideoElement;
  private attached?: Track;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeSnapshot?.();
    this.unsubscribeSnapshot = undefined;
    this.detach();
  }

  protected override willUpdate(): void {
    const p = this.participant;
    this.speaking = !!p?.speaking && this.source === 'camera';
    if (p) {
      this.dataset.identity = p.identity;
      this.dataset.mic = p.micOn ? 'on' : 'off';
      this.dataset.camera = p.cameraOn ? 'on' : 'off';
      this.dataset.hand = p.handAt !== null ? 'up' : 'down';
      const reaction = (this.reaction = this.mine());
      if (reaction) this.dataset.reaction = reaction.emoji;
      else delete this.dataset.reaction;
    }
  }

  protected override updated(_changed: PropertyValues): void {
    const track = this.track();
    if (track !== this.attached) {
      this.detach();
      if (track && this.videoEl) {
        track.attach(this.videoEl);
        this.attached = track;
      }
    }
  }

  override render() {
    const p = this.participant;
    if (!p) return nothing;
    const track = this.track();
    const reaction = this.reaction;
    const name = this.source === 'screen' ? `${p.name}${msg('’s screen', { id: 'tile.screen' })}` : p.name;
    return html`
      <video part="video" class=${p.isLocal && this.source === 'camera' ? 'mirrored' : ''} ?hidden=${!track} autoplay playsinline muted></video>
      ${track
        ? nothing
        : html`<div class="placeholder" part="placeholder"><div class="avatar" aria-hidden="true">${initials(p.name)}</div></div>`}
      ${reaction ? keyed(reaction.id, html`<span class="reaction" part="reaction" aria-hidden="true">${reaction.emoji}</span>`) : nothing}
      <div class="label" part="label">
        <span class="name">${name}${p.isLocal ? msg(' (you)', { id: 'tile.you' }) : ''}</span>
        ${this.source === 'camera' && (p.role === 'host' || p.role === 'cohost') ? html`<span>· ${roleText(p.role)}</span>` : nothing}
        ${this.source === 'camera' && p.handAt !== null
          ? html`<span class="hand" role="img" aria-label=${msg('Hand raised', { id: 'roster.hand' })}>${handIcon}</span>`
          : nothing}
        ${p.reconnecting ? html`<span class="reconnecting">${msg('Reconnecting…', { id: 'room.reconnecting' })}</span>` : nothing}
        ${this.source === 'camera' && !p.micOn
          ? html`<span class="mic-off" role="img" aria-label=${msg('Microphone off', { id: 'tile.mic-off' })}>${micOffIcon}</span>`
          : nothing}
        ${this.source === 'camera' && isPoor(p.connectionQuality) ? qualityMark(p.connectionQuality) : nothing}
        ${this.speaking ? html`<span class="visually-hidden">${msg('Speaking', { id: 'tile.speaking' })}</span>` : nothing}
      </div>
    `;
  }

  private mine(): Reaction | undefined {
    const p = this.participant;
    return p && this.source === 'camera' ? this.reactions.find((r) => r.from === p.identity) : undefined;
  }

  private track(): Track | undefined {
    const p = this.participant;
    return this.source === 'screen' ? p?.screenTrack : p?.cameraOn ? p.cameraTrack : undefined;
  }

  private detach(): void {
    if (this.attached && this.videoEl) this.attached.detach(this.videoEl);
    this.attached = undefined;
  }
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]!][0] ?? '';
  const second = parts.length > 1 ? ([...parts[parts.length - 1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-video-tile': MeetingVideoTile;
  }
}
