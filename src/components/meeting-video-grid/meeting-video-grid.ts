import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MeetingSnapshot, ParticipantView } from '../../client/snapshot.js';
import { snapshotContext } from '../context.js';
import { tokens } from '../styles/tokens.js';
import '../meeting-video-tile/meeting-video-tile.js';
import { styles } from './meeting-video-grid.styles.js';

type Tile = { key: string; participant: ParticipantView; source: 'camera' | 'screen' };

/**
 * Everyone's video as a grid: screen shares first, then the people (local first).
 *
 * @csspart grid - the grid container
 * @cssprop --meeting-tile-min-width - narrowest a tile may get before the grid wraps (280px)
 */
@customElement('meeting-video-grid')
@localized()
export class MeetingVideoGrid extends LitElement {
  static override styles = [tokens, styles];

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  snapshot?: MeetingSnapshot;

  override render() {
    const people = this.snapshot?.participants ?? [];
    const tiles: Tile[] = [
      ...people.filter((p) => p.screenOn).map((p): Tile => ({ key: `${p.identity}:screen`, participant: p, source: 'screen' })),
      ...people.map((p): Tile => ({ key: p.identity, participant: p, source: 'camera' })),
    ];
    return html`
      <div class="grid ${tiles.length === 1 ? 'single' : ''}" part="grid" role="list" aria-label=${msg('Participant videos', { id: 'grid.label' })}>
        ${repeat(
          tiles,
          (t) => t.key,
          (t) => html`<meeting-video-tile role="listitem" .participant=${t.participant} source=${t.source}></meeting-video-tile>`,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-video-grid': MeetingVideoGrid;
  }
}
