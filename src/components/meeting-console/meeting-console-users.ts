import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { UserDto } from '../../protocol/users.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * Tenant admins: the people who sign in (SPEC M7): add, make admin or not, reset a password (the
 * new one is shown once), remove.
 *
 * @fires meeting-signed-out - the session ended
 * @csspart table - the list of users
 */
@localized()
export class MeetingConsoleUsers extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  @state() private users: UserDto[] = [];
  @query('form#new-user') private newUser!: HTMLFormElement;

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(keyword = ''): Promise<void> {
    if (!this.api) return;
    const found = await this.run(() => this.api!.searchUsers(keyword));
    if (found) this.users = found.users;
  }

  override render() {
    return html`<h2>${msg('Users', { id: 'console.users.title' })}</h2>
      <form role="search" class="grid" @submit=${this.onSearch}>
        <label>${msg('Find by name', { id: 'console.users.find' })}<input type="search" name="keyword" maxlength="64" /></label>
        <button type="submit">${msg('Find', { id: 'console.users.find-button' })}</button>
      </form>
      <form id="new-user" class="grid" @submit=${this.onAdd} aria-labelledby="new-user-title">
        <h3 id="new-user-title" class="wide">${msg('Add a user', { id: 'console.users.add-title' })}</h3>
        <label>${msg('Sign-in name', { id: 'console.users.login-name' })}<input name="name" required minlength="3" maxlength="64" autocomplete="off" /></label>
        <label>${msg('Display name', { id: 'console.users.display-name' })}<input name="displayName" maxlength="32" /></label>
        <label>${msg('Password', { id: 'console.signin.password' })}<input name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password" /></label>
        <label class="check"><input type="checkbox" name="isAdmin" />${msg('Tenant admin', { id: 'console.users.admin' })}</label>
        <button type="submit" class="primary">${msg('Add user', { id: 'console.users.add' })}</button>
      </form>
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>
      ${this.users.length
        ? html`<table part="table">
            <caption class="visually-hidden">${msg('Users', { id: 'console.users.title' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Sign-in name', { id: 'console.users.login-name' })}</th>
                <th scope="col">${msg('Display name', { id: 'console.users.display-name' })}</th>
                <th scope="col">${msg('Account id', { id: 'console.rooms.account' })}</th>
                <th scope="col">${msg('Tenant admin', { id: 'console.users.admin' })}</th>
                <th scope="col">${msg('Actions', { id: 'console.meetings.actions' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.users.map((u) => this.row(u))}
            </tbody>
          </table>`
        : nothing}`;
  }

  private row(u: UserDto) {
    const me = u.userId === this.user?.userId;
    return html`<tr data-user=${u.userId}>
      <th scope="row">${u.name}</th>
      <td>${u.displayName}</td>
      <td><code>${u.userId}</code></td>
      <td><input type="checkbox" .checked=${u.isAdmin} ?disabled=${me} aria-label=${`${msg('Tenant admin', { id: 'console.users.admin' })}: ${u.name}`} @change=${(e: Event) => this.setAdmin(u, (e.target as HTMLInputElement).checked)} /></td>
      <td class="actions">
        <button aria-label=${`${msg('Reset password', { id: 'console.users.reset' })}: ${u.name}`} @click=${() => this.reset(u)}>${msg('Reset password', { id: 'console.users.reset' })}</button>
        ${me ? nothing : html`<button class="danger" aria-label=${`${msg('Remove', { id: 'console.rooms.remove' })}: ${u.name}`} @click=${() => this.removeUser(u)}>${msg('Remove', { id: 'console.rooms.remove' })}</button>`}
      </td>
    </tr>`;
  }

  private onSearch = (e: SubmitEvent) => {
    e.preventDefault();
    void this.refresh(String(new FormData(e.target as HTMLFormElement).get('keyword') ?? '').trim());
  };

  private onAdd = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(this.newUser);
    const displayName = String(form.get('displayName') ?? '').trim();
    const added = await this.run(
      () => this.api!.addUser({ name: String(form.get('name')).trim(), password: String(form.get('password')), isAdmin: form.get('isAdmin') === 'on', ...(displayName ? { displayName } : {}) }),
      msg('User added', { id: 'console.users.added' }),
    );
    if (added) {
      this.newUser.reset();
      await this.refresh();
    }
  };

  private async setAdmin(u: UserDto, isAdmin: boolean): Promise<void> {
    await this.run(() => this.api!.modifyUser(u.userId, { isAdmin }), msg('Saved', { id: 'console.users.saved' }));
    await this.refresh();
  }

  private async reset(u: UserDto): Promise<void> {
    const password = await this.run(() => this.api!.resetPassword(u.userId));
    if (password) this.status = `${msg('New password for', { id: 'console.users.new-password' })} ${u.name}: ${password}`;
  }

  private async removeUser(u: UserDto): Promise<void> {
    await this.run(() => this.api!.deleteUser(u.userId), msg('User removed', { id: 'console.users.removed' }));
    if (!this.failed) await this.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-users': MeetingConsoleUsers;
  }
}
