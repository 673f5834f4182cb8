import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsoleApi, type SignedIn } from '../../client/console-api.js';
import { MeetingClientError } from '../../client/join-api.js';
import { localized, msg, pickLocale, setLocale } from '../i18n/console-msg.js';
import { themes, tokens } from '../styles/tokens.js';
import { bundleRef } from './bundle-manifest.js';
import type { BundleRef } from './meeting-console-meetings.js';
import { styles } from './meeting-console.styles.js';
import './meeting-console-account.js';
import './meeting-console-live.js';
import './meeting-console-login.js';
import './meeting-console-meetings.js';
import './meeting-console-rooms.js';
import './meeting-console-settings.js';
import './meeting-console-users.js';

type Tab = 'meetings' | 'live' | 'rooms' | 'account' | 'users' | 'settings';

/** Where the session lives between reloads of the page: this tab only, never a URL or a cookie. */
const STORE_KEY = 'meeting-console';

/**
 * The host console (SPEC M7, issue 11 part 8): sign in (a password, or a portal's one-time sign
 * in the page's `#sign=…&account=…` fragment), then meetings, live meetings, rooms, their account, and for tenant
 * admins users and the organisation's settings. Tabs follow the WAI-ARIA tabs pattern (arrow
 * keys, Home, End).
 *
 * @fires meeting-signed-in - `detail`: `{ sid, user, company }`
 * @fires meeting-signed-out - the person signed out, or the session ended
 * @csspart header - the top bar
 * @csspart tabs - the tab list
 * @cssprop --meeting-bg - and the other design tokens of the family (styles/tokens.ts)
 */
@localized()
export class MeetingConsole extends LitElement {
  static override styles = [themes, tokens, styles];

  /** Base URL of the meeting server; defaults to this page's origin. */
  @property() server = '';
  /** `en` or `zh-CN` (any `zh…`); by default the page's `?lang=`, else the browser's language. */
  @property() override lang = '';
  /** `light`, `dark` or `auto`; the page's `?theme=` wins (the console page is static). */
  @property({ reflect: true }) theme: 'dark' | 'light' | 'auto' = 'light';
  /** Keep the session in sessionStorage across reloads (off in tests). */
  @property({ type: Boolean, attribute: 'no-store' }) noStore = false;

  @state() private signedIn?: SignedIn;
  @state() private tab: Tab = 'meetings';
  @state() private bundle: BundleRef = { src: '/assets/meeting-room.js' };
  @state() private ssoError = '';
  private api!: ConsoleApi;

  override connectedCallback() {
    super.connectedCallback();
    const page = new URLSearchParams(location.search);
    this.lang ||= page.get('lang') ?? '';
    const theme = page.get('theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') this.theme = theme;
    this.api = new ConsoleApi(this.server || location.origin);
    this.restore();
    void this.ssoFromFragment();
    void bundleRef(this.api.server).then((b) => (this.bundle = b));
    this.addEventListener('meeting-signed-out', this.onSignedOut);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('meeting-signed-out', this.onSignedOut);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('lang')) void setLocale(pickLocale(this.lang));
  }

  override render() {
    const s = this.signedIn;
    return html`<header part="header">
        <h1>${msg('Host console', { id: 'console.title' })}</h1>
        ${s
          ? html`<span class="who">${s.user.displayName || s.user.name} · ${s.company}</span>
              <button class="link" @click=${this.signOut}>${msg('Sign out', { id: 'console.signout' })}</button>`
          : nothing}
      </header>
      ${s ? this.tabs(s) : html`<main><meeting-console-login .api=${this.api} @meeting-signed-in=${this.onSignedIn}></meeting-console-login>${this.ssoError ? html`<p role="alert">${this.ssoError}</p>` : nothing}</main>`}`;
  }

  private tabs(s: SignedIn) {
    const tabs: Array<[Tab, string]> = [
      ['meetings', msg('Meetings', { id: 'console.meetings.title' })],
      ['live', msg('Live meetings', { id: 'console.live.title' })],
      ['rooms', msg('Rooms', { id: 'console.rooms.title' })],
      ['account', msg('My account', { id: 'console.account.title' })],
      ...(s.user.isAdmin
        ? ([
            ['users', msg('Users', { id: 'console.users.title' })],
            ['settings', msg('Organisation settings', { id: 'console.settings.title' })],
          ] as Array<[Tab, string]>)
        : []),
    ];
    return html`<div role="tablist" part="tabs" aria-label=${msg('Console sections', { id: 'console.sections' })} @keydown=${(e: KeyboardEvent) => this.onTabKey(e, tabs.map(([t]) => t))}>
        ${tabs.map(
          ([id, label]) => html`<button role="tab" id="tab-${id}" aria-controls="panel" aria-selected=${this.tab === id ? 'true' : 'false'} tabindex=${this.tab === id ? '0' : '-1'} @click=${() => (this.tab = id)}>${label}</button>`,
        )}
      </div>
      <main><div id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">${this.panel(s)}</div></main>`;
  }

  private panel(s: SignedIn) {
    switch (this.tab) {
      case 'meetings':
        return html`<meeting-console-meetings .api=${this.api} .user=${s.user} .bundle=${this.bundle}></meeting-console-meetings>`;
      case 'live':
        return html`<meeting-console-live .api=${this.api} .user=${s.user}></meeting-console-live>`;
      case 'rooms':
        return html`<meeting-console-rooms .api=${this.api} .user=${s.user}></meeting-console-rooms>`;
      case 'account':
        return html`<meeting-console-account .api=${this.api} .user=${s.user}></meeting-console-account>`;
      case 'users':
        return html`<meeting-console-users .api=${this.api} .user=${s.user}></meeting-console-users>`;
      case 'settings':
        return html`<meeting-console-settings .api=${this.api} .user=${s.user}></meeting-console-settings>`;
    }
  }

  private onTabKey(e: KeyboardEvent, order: Tab[]): void {
    const at = order.indexOf(this.tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.tab = order[(next + order.length) % order.length]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }

  private onSignedIn = (e: CustomEvent<SignedIn>) => {
    this.signedIn = e.detail;
    this.api.sid = e.detail.sid;
    this.tab = 'meetings';
    if (!this.noStore) sessionStorage.setItem(STORE_KEY, JSON.stringify(e.detail));
  };

  private onSignedOut = () => {
    this.signedIn = undefined;
    this.api.sid = '';
    if (!this.noStore) sessionStorage.removeItem(STORE_KEY);
  };

  private signOut = async () => {
    await this.api.logout();
    this.onSignedOut();
    this.dispatchEvent(new CustomEvent('meeting-signed-out', { bubbles: true, composed: true }));
  };

  private restore(): void {
    if (this.noStore) return;
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? 'null') as SignedIn | null;
      if (saved?.sid) {
        this.signedIn = saved;
        this.api.sid = saved.sid;
      }
    } catch {
      sessionStorage.removeItem(STORE_KEY);
    }
  }

  /** A portal's sign-in: `#sign=…&account=…` (a fragment never reaches a server's logs), spent once and removed. */
  private async ssoFromFragment(): Promise<void> {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const sign = fragment.get('sign');
    const account = fragment.get('account');
    if (!sign || !account) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    try {
      const signedIn = await this.api.ssoLogin(sign, account);
      this.onSignedIn(new CustomEvent('meeting-signed-in', { detail: signedIn }));
      this.dispatchEvent(new CustomEvent<SignedIn>('meeting-signed-in', { detail: signedIn, bubbles: true, composed: true }));
    } catch (err) {
      this.ssoError = err instanceof MeetingClientError ? `${err.msg} (${err.code})` : String(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console': MeetingConsole;
  }
  interface HTMLElementEventMap {
    'meeting-signed-out': CustomEvent<void>;
  }
}
