import { html } from 'lit';
import { query } from 'lit/decorators.js';
import type { SignedIn } from '../../client/console-api.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * The console's sign-in form (`/v1/user/login`).
 *
 * @fires meeting-signed-in - `detail`: `{ sid, user, company }` once the server took the password
 * @csspart form - the form
 */
@localized()
export class MeetingConsoleLogin extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  @query('input[name=name]') private nameInput!: HTMLInputElement;
  @query('input[name=password]') private passwordInput!: HTMLInputElement;

  override render() {
    return html`<form part="form" class="grid" @submit=${this.onSubmit} aria-labelledby="title">
      <h2 id="title" class="wide">${msg('Sign in to the host console', { id: 'console.signin.title' })}</h2>
      <label>${msg('Name', { id: 'console.signin.name' })}<input name="name" autocomplete="username" required minlength="3" maxlength="64" /></label>
      <label>${msg('Password', { id: 'console.signin.password' })}<input name="password" type="password" autocomplete="current-password" required maxlength="128" /></label>
      <button type="submit" class="primary">${msg('Sign in', { id: 'console.signin.submit' })}</button>
      <p class="status wide ${this.failed ? 'error' : ''}" role="status">${this.status}</p>
    </form>`;
  }

  private onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const signedIn = await this.run(() => this.api!.login(this.nameInput.value.trim(), this.passwordInput.value));
    if (signedIn) this.signedIn(signedIn);
  };

  private signedIn(detail: SignedIn): void {
    this.passwordInput.value = '';
    this.dispatchEvent(new CustomEvent<SignedIn>('meeting-signed-in', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-login': MeetingConsoleLogin;
  }
  interface HTMLElementEventMap {
    'meeting-signed-in': CustomEvent<SignedIn>;
  }
}
