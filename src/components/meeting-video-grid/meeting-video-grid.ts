import { localized, msg, str, withStrings } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Layout, LayoutMode, TileRef } from '../../client/layout.js';
import type { ViewFrame } from '../../client/recording-media.js';
import type { ParticipantView, VideoQualityChoice } from '../../client/snapshot.js';
import { layoutOf } from '../../client/view.js';
import { MeetingElement } from '../meeting-element.js';
import { pinIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import '../meeting-video-tile/meeting-video-tile.js';
import { styles } from './meeting-video-grid.styles.js';
import { updateNow } from '../update-now.js';

/** A tile's parts, seen from outside the grid under a `tile-` prefix. */
const TILE_PARTS = 'video: tile-video, label: tile-label, placeholder: tile-placeholder, quality: tile-quality';

/**
 * Everyone's video (SPEC R1): a gallery in pages, or speaker view (who speaks large, the others in
 * a strip), and one tile large when a host spotlights someone (SPEC H7), when I pin a tile or when
 * someone shares their screen. It tells the controller its size: the layout (`layoutOf`) is made
 * for it, and only the videos it shows are received.
 *
 * @csspart stage - the space the videos take
 * @csspart main - the large tile's place (speaker view, spotlight, pin, screen share)
 * @csspart spotlight - the main place while a host spotlights someone
 * @csspart grid - the gallery page, or the strip beside the large tile
 * @csspart cell - one tile's place, with its pin button
 * @csspart pin - a tile's pin button
 * @csspart video-quality - a remote video's quality choice (auto, low, medium, high)
 * @csspart controls - the layout choice and the pages
 * @csspart tile-video - a tile's `<video>` (and tile-label, tile-placeholder, tile-quality: the tile's parts)
 * @cssprop --meeting-grid-gap - space between tiles (12px, as the layout counts it)
 */
@localized()
export class MeetingVideoGrid extends MeetingElement {
  static override styles = [tokens, styles];

  @query('.stage') private stage?: HTMLElement;
  private observer?: ResizeObserver;
  private unregister?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.unregister?.();
    this.unregister = undefined;
  }

  /** The view as seen, for a local recording to draw (SPEC R9): the stage, and each tile where it is. */
  viewOnScreen(): ViewFrame | undefined {
    if (!this.stage) return undefined;
    const tiles = [...this.renderRoot.querySelectorAll('meeting-video-tile')].map((tile) => {
      const video = tile.shadowRoot?.querySelector('video');
      const p = tile.participant;
      const label = p ? (tile.source === 'screen' ? withStrings(this, () => msg(str`${p.name}’s screen`, { id: 'grid.screen-of' })) : p.name) : '';
      return { rect: tile.getBoundingClientRect(), video: video && !video.hidden ? video : undefined, label };
    });
    return { area: this.stage.getBoundingClientRect(), tiles };
  }

  protected override updated(): void {
    // New tiles attach their tracks now, not after every element the meeting just rendered.
    for (const tile of this.renderRoot.querySelectorAll('meeting-video-tile')) updateNow(tile);
    if (this.controller && !this.unregister) this.unregister = this.controller.showRecordingView(() => this.viewOnScreen());
    if (this.observer || !this.stage) return;
    this.observer = new ResizeObserver(([entry]) => {
      if (entry) this.controller?.setViewport(entry.contentRect.width, entry.contentRect.height);
    });
    this.observer.observe(this.stage);
  }

  override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return nothing;
    const layout = layoutOf(snapshot);
    const people = new Map(snapshot.participants.map((p) => [p.identity, p]));
    const main = layout.main && people.get(layout.main.identity);
    const spotlit = layout.reason === 'spotlight';
    const single = !layout.main && layout.tiles.length === 1;
    return html`
      <div class="stage" part="stage" data-layout=${layout.mode} data-reason=${layout.reason ?? nothing}>
        <div class="arrange">
          ${layout.main && main
            ? html`<div
                class="main ${spotlit ? 'spotlight' : ''}"
                part=${spotlit ? 'main spotlight' : 'main'}
                role="region"
                aria-label=${spotlit ? msg('Spotlight', { id: 'grid.spotlight' }) : msg('Main video', { id: 'grid.main' })}
                data-main=${layout.main.key}
                data-spotlight=${spotlit ? main.identity : nothing}
                style=${styleMap({ width: `${layout.mainBox!.width}px`, height: `${layout.mainBox!.height}px` })}
              >
                ${this.cell(layout.main, main, false)}
              </div>`
            : nothing}
          ${layout.tiles.length
            ? html`<div
                class="grid ${single ? 'single' : ''} ${layout.main ? 'strip' : ''}"
                part="grid"
                role="list"
                aria-label=${msg('Participant videos', { id: 'grid.label' })}
                style=${styleMap({ gridTemplateColumns: `repeat(${layout.columns}, ${layout.tile.width}px)`, gridAutoRows: `${layout.tile.height}px` })}
              >
                ${repeat(
                  layout.tiles,
                  (t) => t.key,
                  (t) => this.cell(t, people.get(t.identity)!, true),
                )}
              </div>`
            : nothing}
        </div>
      </div>
      ${this.controls(layout)}
    `;
  }

  private cell(t: TileRef, p: ParticipantView, listed: boolean) {
    const pinned = this.snapshot?.view.pinned === t.key;
    const who = t.source === 'screen' ? msg(str`${p.name}’s screen`, { id: 'grid.screen-of' }) : p.name;
    return html`<div class="cell" part="cell" role=${listed ? 'listitem' : nothing}>
      <meeting-video-tile .participant=${p} source=${t.source} exportparts=${TILE_PARTS}></meeting-video-tile>
      <button
        class="pin"
        part="pin"
        aria-pressed=${pinned ? 'true' : 'false'}
        aria-label=${pinned ? msg(str`Unpin ${who}`, { id: 'grid.unpin' }) : msg(str`Pin ${who}`, { id: 'grid.pin' })}
        title=${pinned ? msg(str`Unpin ${who}`, { id: 'grid.unpin' }) : msg(str`Pin ${who}`, { id: 'grid.pin' })}
        @click=${() => this.controller?.pin(pinned ? null : t.key)}
      >
        ${pinIcon}
      </button>
      ${this.qualityChoice(t, p, who)}
    </div>`;
  }

  /** For someone else's video: the quality I receive it in (SPEC R1). */
  private qualityChoice(t: TileRef, p: ParticipantView, who: string) {
    if (p.isLocal || !(t.source === 'screen' ? p.screenTrack : p.cameraOn)) return nothing;
    const chosen = this.snapshot?.view.quality[t.key] ?? 'auto';
    const label = msg(str`Video quality of ${who}`, { id: 'grid.quality' });
    const option = (value: VideoQualityChoice, text: string) => html`<option value=${value} ?selected=${chosen === value}>${text}</option>`;
    return html`<select
      class="quality ${chosen === 'auto' ? '' : 'chosen'}"
      part="video-quality"
      aria-label=${label}
      title=${label}
      @change=${(e: Event) => this.controller?.setVideoQuality(t.key, (e.target as HTMLSelectElement).value as VideoQualityChoice)}
    >
      ${option('auto', msg('Auto', { id: 'grid.quality-auto' }))} ${option('low', msg('Low', { id: 'grid.quality-low' }))}
      ${option('medium', msg('Medium', { id: 'grid.quality-medium' }))} ${option('high', msg('High', { id: 'grid.quality-high' }))}
    </select>`;
  }

  private controls(layout: Layout) {
    const mode = this.snapshot?.view.mode ?? 'gallery';
    const choice = (value: LayoutMode, label: string) =>
      html`<button class="layout-${value}" aria-pressed=${mode === value ? 'true' : 'false'} @click=${() => this.controller?.setLayout(value)}>${label}</button>`;
    return html`<div class="controls" part="controls">
      <div class="modes" role="group" aria-label=${msg('Layout', { id: 'grid.layout' })}>
        ${choice('gallery', msg('Gallery', { id: 'grid.gallery' }))} ${choice('speaker', msg('Speaker', { id: 'grid.speaker' }))}
      </div>
      ${layout.pages > 1
        ? html`<nav class="pages" aria-label=${msg('Pages of videos', { id: 'grid.pages' })}>
            <button class="prev" ?disabled=${layout.page === 0} @click=${() => this.controller?.showPage(layout.page - 1)}>${msg('Previous', { id: 'grid.prev' })}</button>
            <span class="page" aria-live="polite">${msg(str`Page ${layout.page + 1} of ${layout.pages}`, { id: 'grid.page' })}</span>
            <button class="next" ?disabled=${layout.page >= layout.pages - 1} @click=${() => this.controller?.showPage(layout.page + 1)}>${msg('Next', { id: 'grid.next' })}</button>
          </nav>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-video-grid': MeetingVideoGrid;
  }
}
