import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ParticipantView } from '../../client/snapshot.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import '../meeting-video-tile/meeting-video-tile.js';
import { styles } from './meeting-video-grid.styles.js';

type Tile = { key: string; participant: ParticipantView; source: 'camera' | 'screen' };

/**
 * Everyone's video as a grid: screen shares first, then the people (local first). When a host
 * spotlights someone (SPEC H7), everyone's main view shows that person (their screen share when
 * they share), with the others in a strip below.
 *
 * @csspart grid - the grid container
 * @csspart spotlight - the main view while someone is spotlit
 * @cssprop --meeting-tile-min-width - narrowest a tile may get before the grid wraps (280px)
 */
@customElement('meeting-video-grid')
@localized()
export class MeetingVideoGrid extends MeetingElement {
  static override styles = [tokens, styles];

  override render() {
    const people = this.snapshot?.participants ?? [];
    const tiles: Tile[] = [
      ...people.filter((p) => p.screenOn).map((p): Tile => ({ key: `${p.identity}:screen`, participant: p, source: 'screen' })),
      ...people.map((p): Tile => ({ key: p.identity, participant: p, source: 'camera' })),
    ];
    const spotlit = people.find((p) => p.identity === this.snapshot?.policy.spotlight);
    const mainKey = spotlit ? (spotlit.screenOn ? `${spotlit.identity}:screen` : spotlit.identity) : undefined;
    const main = tiles.find((t) => t.key === mainKey);
    const rest = main ? tiles.filter((t) => t !== main) : tiles;
    return html`
      ${main
        ? html`<div class="spotlight" part="spotlight" data-spotlight=${main.participant.identity} aria-label=${msg('Spotlight', { id: 'grid.spotlight' })} role="region">
            ${this.tile(main, false)}
          </div>`
        : ''}
      <div class="grid ${rest.length === 1 && !main ? 'single' : ''} ${main ? 'strip' : ''}" part="grid" role="list" aria-label=${msg('Participant videos', { id: 'grid.label' })}>
        ${repeat(
          rest,
          (t) => t.key,
          (t) => this.tile(t),
        )}
      </div>
    `;
  }

  private tile(t: Tile, listed = true) {
    return html`<meeting-video-tile role=${listed ? 'listitem' : nothing} .participant=${t.participant} source=${t.source}></meeting-video-tile>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-video-grid': MeetingVideoGrid;
  }
}
