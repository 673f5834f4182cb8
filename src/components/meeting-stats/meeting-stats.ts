import { localized, msg } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { MeetingController } from '../../client/meeting-controller.js';
import { formatBitrate, statsText, type TrackStats } from '../../client/track-stats.js';
import { MeetingElement } from '../meeting-element.js';
import { panel } from '../styles/panel.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-stats.styles.js';

/**
 * What I send and receive, per track (SPEC R11): bitrate, frame rate, resolution, packet loss and
 * round-trip time, refreshed each second while this element is on the page (the controller reads
 * `getStats` only then), with a button that copies it all as text for support.
 *
 * @csspart table - the table of tracks
 * @csspart copy - the copy button
 */
@localized()
export class MeetingStats extends MeetingElement {
  static override styles = [tokens, panel, styles];

  @state() private copied = false;
  /** The controller told to read stats, told again when this element leaves. */
  private watching?: MeetingController;

  protected override updated(): void {
    if (this.watching || !this.controller || !this.isConnected) return;
    this.watching = this.controller;
    this.watching.watchStats(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watching?.watchStats(false);
    this.watching = undefined;
  }

  override render() {
    const stats = this.snapshot?.stats;
    return html`<section aria-labelledby="stats-title">
      <div class="row">
        <h2 id="stats-title">${msg('Connection statistics', { id: 'header.stats' })}</h2>
        <button part="copy" class="copy" ?disabled=${!stats?.length} @click=${this.copy}>${msg('Copy for support', { id: 'stats.copy' })}</button>
        <span class="muted" role="status">${this.copied ? msg('Copied', { id: 'stats.copied' }) : ''}</span>
      </div>
      ${stats?.length ? this.renderTable(stats) : html`<p class="muted">${msg('Measuring…', { id: 'stats.measuring' })}</p>`}
    </section>`;
  }

  private renderTable(stats: readonly TrackStats[]) {
    return html`<table part="table">
      <thead>
        <tr>
          <th scope="col">${msg('Track', { id: 'stats.track' })}</th>
          <th scope="col">${msg('Bitrate', { id: 'stats.bitrate' })}</th>
          <th scope="col">${msg('Frame rate', { id: 'stats.fps' })}</th>
          <th scope="col">${msg('Resolution', { id: 'stats.resolution' })}</th>
          <th scope="col">${msg('Packet loss', { id: 'stats.loss' })}</th>
          <th scope="col">${msg('Round trip', { id: 'stats.rtt' })}</th>
        </tr>
      </thead>
      <tbody>
        ${stats.map(
          (s) => html`<tr data-track=${s.id}>
            <th scope="row">${s.direction === 'send' ? msg('Sent', { id: 'stats.sent' }) : msg('Received', { id: 'stats.received' })} · ${s.kind} · ${s.participant}</th>
            <td>${formatBitrate(s.bitrate)}</td>
            <td>${s.fps !== undefined ? Math.round(s.fps) : nothing}</td>
            <td>${s.width && s.height ? `${s.width}×${s.height}` : nothing}</td>
            <td>${(s.loss * 100).toFixed(1)}%</td>
            <td>${s.rtt !== undefined ? `${s.rtt} ms` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private copy = async () => {
    const stats = this.snapshot?.stats;
    if (!stats) return;
    try {
      await navigator.clipboard.writeText(statsText(stats, new Date()));
      this.copied = true;
      setTimeout(() => (this.copied = false), 3000);
    } catch {
      this.copied = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-stats': MeetingStats;
  }
}
