import { html } from 'lit';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * The signed-in person's own account: their personal meeting number, and changing their password
 * (SPEC M7), after which every session of theirs ends and they sign in again.
 *
 * @fires meeting-signed-out - after the password changed, or when the session ended
 * @csspart form - the password form
 */
@localized()
export class MeetingConsoleAccount extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  override render() {
    return html`<h2>${msg('My account', { id: 'console.account.title' })}</h2>
      <p>${msg('Personal meeting number', { id: 'console.account.personal' })}: <code>${this.user?.personalMeetingId ?? ''}</code></p>
      ${this.user?.name
        ? html`<form part="form" class="grid" @submit=${this.onSubmit} aria-labelledby="pw-title">
            <h3 id="pw-title" class="wide">${msg('Change my password', { id: 'console.account.change' })}</h3>
            <label>${msg('Current password', { id: 'console.account.old' })}<input name="old" type="password" required maxlength="128" autocomplete="current-password" /></label>
            <label>${msg('New password (at least 8 characters)', { id: 'console.account.new' })}<input name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password" /></label>
            <button type="submit" class="primary">${msg('Change password', { id: 'console.account.submit' })}</button>
          </form>`
        : ''}
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>`;
  }

  private onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    await this.run(() => this.api!.call<void>('/v1/user/modifyPassword', { userId: this.user!.userId, oldpassword: String(form.get('old')), password: String(form.get('password')) }));
    if (!this.failed) this.dispatchEvent(new CustomEvent('meeting-signed-out', { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-account': MeetingConsoleAccount;
  }
}
