import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { TenantSettings } from '../../client/console-api.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';

/**
 * Tenant admins: where webhooks go (SPEC M10) and which sites may embed the tenant's meetings
 * (CORS for the tag, frame-ancestors for `/embed`), and the logo and accent colour its meetings show (SPEC E3).
 *
 * @fires meeting-signed-out - the session ended
 * @csspart form - each settings form
 */
@localized()
export class MeetingConsoleSettings extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  @state() private settings: TenantSettings = { callbackUrl: '', embedOrigins: [], logoUrl: '', accentColor: '' };

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    const settings = await this.run(() => this.api!.settings());
    if (settings) this.settings = settings;
  }

  override render() {
    return html`<h2>${msg('Organisation settings', { id: 'console.settings.title' })}</h2>
      <form part="form" class="grid" @submit=${this.onCallback}>
        <label class="wide"
          >${msg('Webhook callback URL (empty: no webhooks)', { id: 'console.settings.callback' })}
          <input name="callbackUrl" type="url" maxlength="2048" placeholder="https://portal.example/meeting-events" .value=${this.settings.callbackUrl} />
        </label>
        <button type="submit">${msg('Save callback URL', { id: 'console.settings.save-callback' })}</button>
      </form>
      <form part="form" class="grid" @submit=${this.onOrigins}>
        <label class="wide"
          >${msg('Sites that may embed meetings: one origin a line, like https://portal.example', { id: 'console.settings.origins' })}
          <textarea name="embedOrigins" .value=${this.settings.embedOrigins.join('\n')}></textarea>
        </label>
        <button type="submit">${msg('Save embed origins', { id: 'console.settings.save-origins' })}</button>
      </form>
      <form part="form" class="grid" @submit=${this.onBranding}>
        <label class="wide"
          >${msg('Logo shown in meetings: an https:// image address (empty: none)', { id: 'console.settings.logo' })}
          <input name="logoUrl" type="url" maxlength="2048" placeholder="https://portal.example/logo.svg" .value=${this.settings.logoUrl} />
        </label>
        <label
          >${msg('Accent colour: #rrggbb (empty: the theme\'s)', { id: 'console.settings.accent' })}
          <input name="accentColor" maxlength="7" placeholder="#1a66d9" .value=${this.settings.accentColor} />
        </label>
        <button type="submit">${msg('Save logo and colour', { id: 'console.settings.save-branding' })}</button>
      </form>
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>`;
  }

  private onCallback = async (e: SubmitEvent) => {
    e.preventDefault();
    const url = String(new FormData(e.target as HTMLFormElement).get('callbackUrl') ?? '').trim();
    await this.run(() => this.api!.setCallback(url), msg('Saved', { id: 'console.users.saved' }));
  };

  private onBranding = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const logoUrl = String(form.get('logoUrl') ?? '').trim();
    const accentColor = String(form.get('accentColor') ?? '').trim();
    if (accentColor && !/^#[0-9a-fA-F]{6}$/.test(accentColor)) {
      this.failed = true;
      this.status = msg('The accent colour is # and six hexadecimal digits, like #1a66d9', { id: 'console.settings.accent-invalid' });
      return;
    }
    await this.run(() => this.api!.setBranding({ logoUrl, accentColor }), msg('Saved', { id: 'console.users.saved' }));
    if (!this.failed) await this.load();
  };

  private onOrigins = async (e: SubmitEvent) => {
    e.preventDefault();
    const origins = String(new FormData(e.target as HTMLFormElement).get('embedOrigins') ?? '')
      .split(/\s+/)
      .filter(Boolean);
    await this.run(() => this.api!.setEmbedOrigins(origins), msg('Saved', { id: 'console.users.saved' }));
    if (!this.failed) await this.load();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-settings': MeetingConsoleSettings;
  }
}
