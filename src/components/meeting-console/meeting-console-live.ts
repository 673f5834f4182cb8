import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { LiveMeeting } from '../../client/console-api.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * Meetings in progress with how many people are in each, as the media server counts them; the
 * host (or an admin) ends one. Refreshed on demand, not on a timer: the counts are a snapshot.
 *
 * @fires meeting-signed-out - the session ended
 * @csspart table - the list
 */
@localized()
export class MeetingConsoleLive extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  @state() private live: LiveMeeting[] = [];
  @state() private loaded = false;

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.api) return;
    const live = await this.run(() => this.api!.liveMeetings());
    if (live) this.live = live;
    this.loaded = true;
  }

  override render() {
    return html`<h2>${msg('Live meetings', { id: 'console.live.title' })}</h2>
      <button @click=${() => this.refresh()}>${msg('Refresh', { id: 'console.live.refresh' })}</button>
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>
      ${this.loaded && !this.live.length ? html`<p class="empty">${msg('No meeting is in progress.', { id: 'console.live.empty' })}</p>` : nothing}
      ${this.live.length
        ? html`<table part="table">
            <caption class="visually-hidden">${msg('Live meetings', { id: 'console.live.title' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Subject', { id: 'console.form.subject' })}</th>
                <th scope="col">${msg('Number', { id: 'console.meetings.code' })}</th>
                <th scope="col">${msg('People in it', { id: 'console.live.participants' })}</th>
                <th scope="col">${msg('Actions', { id: 'console.meetings.actions' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.live.map(
                (m) => html`<tr data-meeting=${m.meetingUniqueId}>
                  <th scope="row">${m.subject}</th>
                  <td><code>${m.meetingId}</code></td>
                  <td data-participants>${m.participants}</td>
                  <td class="actions">
                    <button class="danger" data-action="end" aria-label=${`${msg('End meeting', { id: 'console.live.end' })}: ${m.subject}`} @click=${() => this.end(m)}>${msg('End meeting', { id: 'console.live.end' })}</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}`;
  }

  private async end(m: LiveMeeting): Promise<void> {
    await this.run(() => this.api!.endMeeting(m.meetingUniqueId), msg('Meeting ended', { id: 'console.live.ended' }));
    if (!this.failed) await this.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-live': MeetingConsoleLive;
  }
}
