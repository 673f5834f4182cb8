import { localized, msg, str, withStrings } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ParticipantView } from '../../client/snapshot.js';
import { Role, isModerator } from '../../protocol/roles.js';
import { roleText } from '../i18n/texts.js';
import { qualityMark } from '../quality.js';
import '../meeting-rename-dialog/meeting-rename-dialog.js';
import type { MeetingRenameDialog } from '../meeting-rename-dialog/meeting-rename-dialog.js';
import { cameraIcon, cameraOffIcon, handIcon, micIcon, micOffIcon, moreIcon, screenIcon } from '../styles/icons.js';
import { panel } from '../styles/panel.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-roster.styles.js';

/**
 * Everyone in the meeting (SPEC R4): role, microphone, camera, screen share, hand, speaking and
 * connection state, with search and a count. Hosts and co-hosts get a per-person action menu and
 * the raised-hands queue; attendees see the list without them. Everyone can rename themselves.
 *
 * @csspart search - the search field
 * @csspart list - the list of people
 * @csspart person - one person's row
 * @csspart quality - a person's connection quality (signal bars)
 * @csspart dialog - the rename dialog
 */
@localized()
export class MeetingRoster extends MeetingElement {
  static override styles = [tokens, panel, styles];

  @state() private query = '';
  @state() private openMenu?: string;
  @query('meeting-rename-dialog') private dialog!: MeetingRenameDialog;

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const people = s.participants;
    const q = this.query.trim().toLowerCase();
    const shown = q ? people.filter((p) => p.name.toLowerCase().includes(q)) : people;
    const moderator = isModerator(s.me?.role ?? Role.ATTENDEE);
    return html`
      <h2 id="roster-title">${msg(str`Participants (${people.length})`, { id: 'roster.title' })}</h2>
      <input
        part="search"
        type="search"
        .value=${this.query}
        @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)}
        placeholder=${msg('Search by name', { id: 'roster.search' })}
        aria-label=${msg('Search by name', { id: 'roster.search' })}
      />
      ${moderator ? this.renderHands(people) : nothing}
      <ul part="list" aria-labelledby="roster-title">
        ${repeat(
          shown,
          (p) => p.identity,
          (p) => this.renderPerson(p, moderator),
        )}
      </ul>
      ${q && shown.length === 0 ? html`<p class="muted">${msg('Nobody by that name', { id: 'roster.none' })}</p>` : nothing}
      <meeting-rename-dialog exportparts="dialog"></meeting-rename-dialog>
    `;
  }

  private renderHands(people: readonly ParticipantView[]) {
    const hands = people.filter((p) => p.handAt !== null).sort((a, b) => a.handAt! - b.handAt!);
    if (hands.length === 0) return nothing;
    return html`<section aria-labelledby="hands-title" class="hands">
      <h2 id="hands-title">${msg('Raised hands', { id: 'roster.hands' })}</h2>
      <ol>
        ${hands.map(
          (p) => html`<li class="row" data-hand=${p.identity}>
            ${p.name}
            <button @click=${() => this.controller?.host.lowerHand(p.identity)}>${msg(str`Lower ${p.name}'s hand`, { id: 'roster.lower-hand' })}</button>
          </li>`,
        )}
      </ol>
      <button @click=${() => this.controller?.host.lowerAllHands()}>${msg('Lower all hands', { id: 'roster.lower-all' })}</button>
    </section>`;
  }

  private renderPerson(p: ParticipantView, moderator: boolean) {
    const menuId = `menu-${p.identity}`;
    const open = this.openMenu === p.identity;
    const canAct = moderator && !p.isLocal;
    return html`<li part="person" class="person ${p.speaking ? 'speaking' : ''}" data-identity=${p.identity} data-role=${p.role}>
      <div>
        <div class="name">${p.name}${p.isLocal ? msg(' (you)', { id: 'tile.you' }) : ''}</div>
        <div class="state">
          ${p.role !== Role.ATTENDEE ? html`<span class="tag ${p.role}">${roleText(p.role)}</span>` : nothing}
          ${p.reconnecting ? html`<span class="tag reconnecting">${msg('Reconnecting…', { id: 'room.reconnecting' })}</span>` : nothing}
          ${p.micOn
            ? html`<span role="img" aria-label=${msg('Microphone on', { id: 'roster.mic-on' })}>${micIcon}</span>`
            : html`<span class="off" role="img" aria-label=${msg('Microphone off', { id: 'tile.mic-off' })}>${micOffIcon}</span>`}
          ${p.cameraOn
            ? html`<span role="img" aria-label=${msg('Camera on', { id: 'roster.camera-on' })}>${cameraIcon}</span>`
            : html`<span class="off" role="img" aria-label=${msg('Camera off', { id: 'roster.camera-off' })}>${cameraOffIcon}</span>`}
          ${p.screenOn ? html`<span role="img" aria-label=${msg('Sharing the screen', { id: 'roster.sharing' })}>${screenIcon}</span>` : nothing}
          ${p.handAt !== null ? html`<span class="hand" role="img" aria-label=${msg('Hand raised', { id: 'roster.hand' })}>${handIcon}</span>` : nothing}
          ${p.speaking ? html`<span class="visually-hidden">${msg('Speaking', { id: 'tile.speaking' })}</span>` : nothing}
          ${qualityMark(p.connectionQuality)}
          ${p.shareRequest === 'requested' ? html`<span class="tag">${msg('Asks to share', { id: 'roster.asks-share' })}</span>` : nothing}
          ${p.recording ? html`<span class="tag recording">${msg('Recording', { id: 'header.recording' })}</span>` : nothing}
        </div>
      </div>
      ${canAct || p.isLocal
        ? html`<button
            class="more"
            aria-haspopup="true"
            aria-expanded=${String(open)}
            aria-controls=${menuId}
            aria-label=${msg(str`Actions for ${p.name}`, { id: 'roster.actions' })}
            @click=${() => (this.openMenu = open ? undefined : p.identity)}
          >
            ${moreIcon}
          </button>`
        : nothing}
      ${open ? html`<div id=${menuId} role="group" aria-label=${msg(str`Actions for ${p.name}`, { id: 'roster.actions' })} @keydown=${this.onMenuKey}>${p.isLocal ? this.selfItems(p) : this.hostItems(p)}</div>` : nothing}
    </li>`;
  }

  private selfItems(p: ParticipantView) {
    return html`<button @click=${() => this.rename(p, true)}>${msg('Rename', { id: 'roster.rename' })}</button>`;
  }

  /** The host actions that make sense for this person now. */
  private hostItems(p: ParticipantView) {
    const host = this.controller?.host;
    const iAmHost = this.snapshot?.me?.role === Role.HOST;
    const spotlit = this.snapshot?.policy.spotlight === p.identity;
    const item = (label: string, action: () => unknown, cls = '') => html`<button class=${cls} @click=${() => this.act(action)}>${label}</button>`;
    if (!host) return nothing;
    // Gone while reconnecting (SPEC J7): nothing reaches them until they are back but a removal.
    const live = p.away
      ? nothing
      : html`
      ${p.micOn ? item(msg('Mute', { id: 'roster.mute' }), () => host.mute(p.identity)) : item(msg('Ask to unmute', { id: 'roster.ask-unmute' }), () => host.askUnmute(p.identity))}
      ${p.cameraOn
        ? item(msg('Turn camera off', { id: 'roster.camera-off-action' }), () => host.cameraOff(p.identity))
        : item(msg('Ask to turn camera on', { id: 'roster.ask-camera' }), () => host.askCameraOn(p.identity))}
      ${p.screenOn ? item(msg('Stop sharing', { id: 'roster.stop-share' }), () => host.stopShare(p.identity)) : nothing}
      ${p.shareRequest === 'requested'
        ? html`${item(msg('Allow sharing', { id: 'roster.allow-share' }), () => host.approveShare(p.identity, true))}
          ${item(msg('Decline sharing', { id: 'roster.decline-share' }), () => host.approveShare(p.identity, false))}`
        : nothing}
      ${this.snapshot?.policy.share === 'ask' && !isModerator(p.role) && p.role !== Role.AUDIENCE && !p.screenOn && p.shareRequest === ''
        ? item(msg('Invite to share the screen', { id: 'roster.invite-share' }), () => host.approveShare(p.identity, true))
        : nothing}
      ${this.snapshot?.policy.share === 'ask' && p.shareRequest === 'allowed' && !p.screenOn ? item(msg('Take back the invitation to share', { id: 'roster.uninvite-share' }), () => host.approveShare(p.identity, false)) : nothing}
      ${p.handAt !== null ? item(msg('Lower hand', { id: 'roster.lower' }), () => host.lowerHand(p.identity)) : nothing}
      ${p.role === Role.AUDIENCE ? item(msg('Bring on stage', { id: 'roster.promote' }), () => host.setRole(p.identity, 'speaker')) : nothing}
      ${p.role === Role.SPEAKER ? item(msg('Move to audience', { id: 'roster.demote' }), () => host.setRole(p.identity, 'audience')) : nothing}
      ${iAmHost && (p.role === Role.ATTENDEE || p.role === Role.SPEAKER) ? item(msg('Make co-host', { id: 'roster.make-cohost' }), () => host.setRole(p.identity, 'cohost')) : nothing}
      ${iAmHost && p.role === Role.COHOST ? item(msg('Remove co-host', { id: 'roster.unmake-cohost' }), () => host.setRole(p.identity, 'attendee')) : nothing}
      ${iAmHost && p.role !== Role.AUDIENCE ? item(msg('Make host', { id: 'roster.make-host' }), () => host.transferHost(p.identity)) : nothing}
      ${spotlit ? item(msg('Stop spotlight', { id: 'roster.unspotlight' }), () => host.spotlight(null)) : item(msg('Spotlight for everyone', { id: 'roster.spotlight' }), () => host.spotlight(p.identity))}
      ${item(msg('Rename', { id: 'roster.rename' }), () => this.rename(p, false))}
        `;
    return html`
      ${live}
      ${p.role !== Role.HOST || iAmHost ? item(msg('Remove from meeting', { id: 'roster.remove' }), () => host.remove(p.identity), 'danger') : nothing}
      ${p.role !== Role.HOST || iAmHost ? item(msg('Remove and block this device', { id: 'roster.block' }), () => host.block(p.identity, false), 'danger') : nothing}
      ${p.role !== Role.HOST || iAmHost ? item(msg('Remove, block this device, newcomers wait', { id: 'roster.block-wait' }), () => host.block(p.identity, true), 'danger') : nothing}
    `;
  }

  private async act(action: () => unknown): Promise<void> {
    this.openMenu = undefined;
    await action();
  }

  private async rename(p: ParticipantView, self: boolean): Promise<void> {
    this.openMenu = undefined;
    const label = withStrings(this, () => (self ? msg('Your name', { id: 'prejoin.name' }) : msg(str`Rename ${p.name}`, { id: 'roster.rename-person' })));
    const name = await this.dialog.ask(label, p.name);
    if (!name || name === p.name) return;
    if (self) await this.controller?.renameMe(name);
    else await this.controller?.host.renamePerson(p.identity, name);
  }

  /** Escape closes a person's menu and puts focus back on its button. */
  private onMenuKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    const id = this.openMenu;
    this.openMenu = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`li[data-identity="${CSS.escape(id ?? '')}"] .more`)?.focus());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-roster': MeetingRoster;
  }
}
