import { localized, msg, str } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { MeetingSnapshot } from '../../client/snapshot.js';
import { Role, isModerator } from '../../protocol/roles.js';
import { panel } from '../styles/panel.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-wait-room.styles.js';

/**
 * The waiting room (SPEC J5, H10), both sides of it: for a person waiting to be let in, the
 * waiting screen with their place in the queue; for hosts and co-hosts, the queue with admit,
 * reject and admit all. Renders nothing for anyone else.
 *
 * @csspart screen - the waiting screen
 * @csspart queue - the hosts' queue
 */
@localized()
export class MeetingWaitRoom extends MeetingElement {
  static override styles = [tokens, panel, styles];

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    if (s.phase === 'waiting') return this.renderWaiting(s);
    if (!isModerator(s.me?.role ?? Role.ATTENDEE) || s.waitingQueue.length === 0) return nothing;
    const host = this.controller?.host;
    return html`<section part="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">${msg(str`Waiting to join (${s.waitingQueue.length})`, { id: 'wait.queue' })}</h2>
      <ul>
        ${repeat(
          s.waitingQueue,
          (p) => p.identity,
          (p) => html`<li class="row" data-waiting=${p.identity}>
            <span class="name">${p.name}</span>
            <button class="primary admit" aria-label=${msg(str`Admit ${p.name}`, { id: 'wait.admit-person' })} @click=${() => host?.admit(p.identity)}>${msg('Admit', { id: 'wait.admit' })}</button>
            <button class="reject" aria-label=${msg(str`Reject ${p.name}`, { id: 'wait.reject-person' })} @click=${() => host?.reject(p.identity)}>${msg('Reject', { id: 'wait.reject' })}</button>
          </li>`,
        )}
      </ul>
      ${s.waitingQueue.length > 1 ? html`<button class="admit-all" @click=${() => host?.admitAll()}>${msg('Admit all', { id: 'wait.admit-all' })}</button>` : nothing}
    </section>`;
  }

  private renderWaiting(s: MeetingSnapshot) {
    return html`<div part="screen" class="screen" role="status" data-screen="waiting">
      <div>
        <h1>${msg('Waiting for the host to let you in', { id: 'wait.title' })}</h1>
        <p>${s.meeting?.subject ?? ''}</p>
        ${s.waitingPosition ? html`<p class="muted">${msg(str`You are number ${s.waitingPosition} in the queue`, { id: 'wait.position' })}</p>` : nothing}
        <button @click=${() => this.controller?.leave()}>${msg('Leave', { id: 'toolbar.leave' })}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-wait-room': MeetingWaitRoom;
  }
}
