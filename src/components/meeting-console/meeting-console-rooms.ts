import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { RoomDto } from '../../protocol/rooms.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * Persistent rooms (SPEC M6) the person may enter: create one, delete theirs, copy its links, and
 * manage a private room's members by account id.
 *
 * @fires meeting-signed-out - the session ended
 * @csspart table - the list of rooms
 */
@localized()
export class MeetingConsoleRooms extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  @state() private rooms: RoomDto[] = [];
  @state() private loaded = false;
  /** The room whose members are shown, and them. */
  @state() private open?: { room: RoomDto; members: string[] };
  @query('form#new-room') private newRoom!: HTMLFormElement;

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.api) return;
    const rooms = await this.run(() => this.api!.rooms());
    if (rooms) this.rooms = rooms;
    this.loaded = true;
  }

  override render() {
    return html`<h2>${msg('Rooms', { id: 'console.rooms.title' })}</h2>
      <form id="new-room" class="grid" @submit=${this.onCreate} aria-labelledby="new-room-title">
        <h3 id="new-room-title" class="wide">${msg('New room', { id: 'console.rooms.new' })}</h3>
        <label>${msg('Name', { id: 'console.signin.name' })}<input name="name" required maxlength="30" /></label>
        <label
          >${msg('Type', { id: 'console.form.media' })}
          <select name="roomType">
            <option value="2">${msg('Video', { id: 'console.form.media-video' })}</option>
            <option value="1">${msg('Audio', { id: 'console.form.media-audio' })}</option>
            <option value="3">${msg('Training', { id: 'console.form.media-training' })}</option>
          </select></label
        >
        <label>${msg('Password (letters, digits)', { id: 'console.form.password' })}<input name="password" pattern="[0-9A-Za-z]{1,16}" maxlength="16" autocomplete="off" /></label>
        <label class="check"><input type="checkbox" name="isPublic" checked />${msg('Public: anyone with the link', { id: 'console.form.public' })}</label>
        <button type="submit" class="primary">${msg('Create room', { id: 'console.rooms.create' })}</button>
      </form>
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>
      ${this.loaded && !this.rooms.length ? html`<p class="empty">${msg('No rooms yet.', { id: 'console.rooms.empty' })}</p>` : nothing}
      ${this.rooms.length
        ? html`<table part="table">
            <caption class="visually-hidden">${msg('Rooms', { id: 'console.rooms.title' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Name', { id: 'console.signin.name' })}</th>
                <th scope="col">${msg('Access', { id: 'console.rooms.access' })}</th>
                <th scope="col">${msg('Actions', { id: 'console.meetings.actions' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.rooms.map((r) => this.row(r))}
            </tbody>
          </table>`
        : nothing}
      ${this.open ? this.membersPanel(this.open.room, this.open.members) : nothing}`;
  }

  private row(r: RoomDto) {
    const mine = r.ownerId === this.user?.userId || this.user?.isAdmin;
    return html`<tr data-room=${r.id}>
      <th scope="row">${r.name}</th>
      <td>${r.isPublic ? msg('Public', { id: 'console.rooms.public' }) : msg('Members only', { id: 'console.rooms.private' })}${r.isHasPwd ? ` · ${msg('password', { id: 'console.rooms.has-password' })}` : ''}</td>
      <td class="actions">
        ${r.guestLink ? html`<button aria-label=${`${msg('Copy guest link', { id: 'console.meetings.copy-guest' })}: ${r.name}`} @click=${() => this.copy(r.guestLink!, msg('Guest link copied', { id: 'console.meetings.copied-guest' }))}>${msg('Copy guest link', { id: 'console.meetings.copy-guest' })}</button>` : nothing}
        ${r.hostLink ? html`<button aria-label=${`${msg('Copy host link', { id: 'console.meetings.copy-host' })}: ${r.name}`} @click=${() => this.copy(r.hostLink!, msg('Host link copied', { id: 'console.meetings.copied-host' }))}>${msg('Copy host link', { id: 'console.meetings.copy-host' })}</button>` : nothing}
        ${mine
          ? html`<button data-action="members" aria-label=${`${msg('Members', { id: 'console.rooms.members' })}: ${r.name}`} @click=${() => this.showMembers(r)}>${msg('Members', { id: 'console.rooms.members' })}</button>
              <button data-action="delete" class="danger" aria-label=${`${msg('Delete room', { id: 'console.rooms.delete' })}: ${r.name}`} @click=${() => this.deleteRoom(r)}>${msg('Delete room', { id: 'console.rooms.delete' })}</button>`
          : nothing}
      </td>
    </tr>`;
  }

  private membersPanel(room: RoomDto, members: string[]) {
    return html`<section aria-labelledby="members-title">
      <h3 id="members-title">${msg('Members of', { id: 'console.rooms.members-of' })} ${room.name}</h3>
      <ul>
        ${members.map((id) => html`<li><code>${id}</code> <button aria-label=${`${msg('Remove', { id: 'console.rooms.remove' })}: ${id}`} @click=${() => this.member(room, id, false)}>${msg('Remove', { id: 'console.rooms.remove' })}</button></li>`)}
      </ul>
      <form class="grid" @submit=${(e: SubmitEvent) => this.onAddMember(e, room)}>
        <label>${msg('Account id', { id: 'console.rooms.account' })}<input name="userId" required maxlength="64" /></label>
        <button type="submit">${msg('Add member', { id: 'console.rooms.add' })}</button>
      </form>
    </section>`;
  }

  private onCreate = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(this.newRoom);
    const password = String(form.get('password') ?? '');
    const made = await this.run(
      () => this.api!.createRoom({ name: String(form.get('name')).trim(), roomType: Number(form.get('roomType')), isPublic: form.get('isPublic') === 'on', ...(password ? { password } : {}) }),
      msg('Room created', { id: 'console.rooms.created' }),
    );
    if (made) {
      this.newRoom.reset();
      await this.refresh();
    }
  };

  private async deleteRoom(r: RoomDto): Promise<void> {
    await this.run(() => this.api!.deleteRoom(r.id), msg('Room deleted', { id: 'console.rooms.deleted' }));
    if (!this.failed) await this.refresh();
  }

  private async showMembers(room: RoomDto): Promise<void> {
    const members = await this.run(() => this.api!.members(room.id));
    if (members) this.open = { room, members };
  }

  private onAddMember = async (e: SubmitEvent, room: RoomDto) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const userId = String(new FormData(form).get('userId')).trim();
    await this.member(room, userId, true);
    if (!this.failed) form.reset();
  };

  private async member(room: RoomDto, userId: string, add: boolean): Promise<void> {
    await this.run(() => (add ? this.api!.addMember(room.id, userId) : this.api!.removeMember(room.id, userId)), add ? msg('Member added', { id: 'console.rooms.added' }) : msg('Member removed', { id: 'console.rooms.removed' }));
    if (!this.failed) await this.showMembers(room);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-rooms': MeetingConsoleRooms;
  }
}
