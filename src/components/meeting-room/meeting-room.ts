import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MeetingController, type JoinSource } from '../../client/meeting-controller.js';
import { takeJoinParamsFromPage } from '../../client/join-api.js';
import { initialSnapshot, type MeetingSnapshot } from '../../client/snapshot.js';
import type { ErrorInfo } from '../../protocol/errors.js';
import type { JoinRequest } from '../../protocol/join.js';
import type { Role } from '../../protocol/roles.js';
import { controllerContext, snapshotContext } from '../context.js';
import { pickLocale, setLocale } from '../i18n/localization.js';
import { errorText, leftText, roleText } from '../i18n/texts.js';
import '../meeting-audio/meeting-audio.js';
import '../meeting-host-controls/meeting-host-controls.js';
import '../meeting-notices/meeting-notices.js';
import '../meeting-prejoin/meeting-prejoin.js';
import '../meeting-roster/meeting-roster.js';
import '../meeting-toolbar/meeting-toolbar.js';
import '../meeting-video-grid/meeting-video-grid.js';
import '../meeting-wait-room/meeting-wait-room.js';
import { lockIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-room.styles.js';

export interface MeetingJoinedDetail {
  identity: string;
  role: Role;
  meetingId?: string;
}
export interface MeetingLeftDetail {
  reason: string;
}
export type MeetingErrorDetail = ErrorInfo;

/**
 * A whole meeting in one tag: resolves the join link, shows the pre-join screen (and the waiting
 * room when a host must let people in), then the video grid, the toolbar and a participants
 * panel (roster, host controls, waiting queue); says clearly why when it cannot join, and asks for
 * the password when one is needed.
 *
 * Give it `code` (and `server` when the meeting server is another origin), or `token` and
 * `server-url`, or `use-page-url` to read the join link from the page's own address.
 *
 * @fires meeting-joined - joined the meeting; detail `{identity, role, meetingId}`
 * @fires meeting-left - left or was disconnected; detail `{reason}`
 * @fires meeting-error - could not join or a device failed; detail `{code, msg}` (SPEC error codes)
 * @csspart header - the bar with the subject and the person's role
 * @csspart panel - the participants panel
 * @cssprop --meeting-bg - page background
 * @cssprop --meeting-surface - panels and tiles
 * @cssprop --meeting-fg - text colour
 * @cssprop --meeting-accent - buttons and highlights
 * @cssprop --meeting-danger - leave, muted marks
 */
@customElement('meeting-room')
@localized()
export class MeetingRoom extends LitElement {
  static override styles = [tokens, styles];

  /** Meeting code (9 or 10 digits), as in `/join?code=`. */
  @property() code = '';
  /** Persistent room id, as in `/join?rd=`. */
  @property() rd = '';
  /** A LiveKit token to join with directly (with `server-url`), bypassing the meeting server. */
  @property() token = '';
  @property({ attribute: 'server-url' }) serverUrl = '';
  /** Base URL of the meeting server; defaults to this page's origin. */
  @property() server = '';
  @property({ attribute: 'display-name' }) displayName = '';
  @property({ type: Boolean, attribute: 'start-audio-off' }) startAudioOff = false;
  @property({ type: Boolean, attribute: 'start-video-off' }) startVideoOff = false;
  /** `en` or `zh-CN` (also `zh`); defaults to the browser's language. */
  @property() override lang = '';
  /** Read the join link (code, name, v, a, role, lang …) from this page's address. */
  @property({ type: Boolean, attribute: 'use-page-url' }) usePageUrl = false;

  @provide({ context: controllerContext })
  controller: MeetingController = new MeetingController();

  @provide({ context: snapshotContext })
  @state()
  snapshot: MeetingSnapshot = initialSnapshot;

  @state() private panelOpen = false;
  /** A password the person typed after 2018 / 2014. */
  @state() private password = '';

  private unsubscribe: Array<() => void> = [];
  private started = false;
  /** The page's join link, read once: its secrets leave the address bar at that first read. */
  private pageParams?: JoinRequest;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = [
      this.controller.on('change', (e) => (this.snapshot = e.detail)),
      this.controller.on('joined', (e) => {
        const me = e.detail.me;
        this.fire<MeetingJoinedDetail>('meeting-joined', { identity: me?.identity ?? '', role: me?.role ?? 'attendee', meetingId: e.detail.meeting?.meetingId });
      }),
      this.controller.on('left', (e) => this.fire<MeetingLeftDetail>('meeting-left', e.detail)),
      this.controller.on('error', (e) => this.fire<MeetingErrorDetail>('meeting-error', e.detail)),
    ];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((off) => off());
    void this.controller.destroy();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || !this.hasUpdated) {
      const fromLink = this.usePageUrl ? new URLSearchParams(location.search).get('lang') : null;
      void setLocale(pickLocale(this.lang || fromLink));
    }
  }

  protected override firstUpdated(): void {
    void this.start();
  }

  /** Resolves the join and opens the pre-join screen. Called by itself once the element is on a page. */
  async start(): Promise<void> {
    const source = this.joinSource();
    if (!source || this.started) return;
    this.started = true;
    const params = source.kind === 'link' ? source.params : {};
    const audio = params.a !== undefined ? String(params.a) !== '0' : !this.startAudioOff;
    const video = params.v !== undefined ? String(params.v) !== '0' : !this.startVideoOff;
    await this.controller.prepare(source, { audio, video });
  }

  /** Joins with the prepared devices. */
  join(name?: string): Promise<void> {
    return this.controller.join(name ?? this.displayName);
  }
  leave(): Promise<void> {
    return this.controller.leave();
  }
  toggleMic(): Promise<void> {
    return this.controller.toggleMic();
  }
  toggleCamera(): Promise<void> {
    return this.controller.toggleCamera();
  }
  toggleScreenShare(): Promise<void> {
    return this.controller.toggleScreenShare();
  }

  override render() {
    return html`${this.renderPhase()}
      <meeting-audio></meeting-audio>`;
  }

  private renderPhase() {
    const s = this.snapshot;
    switch (s.phase) {
      case 'idle':
        return html`<div class="screen" role="status">${msg('Loading…', { id: 'loading' })}</div>`;
      case 'prejoin':
      case 'connecting':
        return html`<meeting-prejoin display-name=${this.displayName}></meeting-prejoin>`;
      case 'waiting':
        return html`<meeting-wait-room></meeting-wait-room>`;
      case 'connected':
      case 'reconnecting':
        return html`${this.renderHeader()}
          ${s.phase === 'reconnecting' ? html`<div class="banner" role="status">${msg('Reconnecting…', { id: 'room.reconnecting' })}</div>` : nothing}
          ${s.audioBlocked
            ? html`<div class="banner"><button @click=${() => this.controller.startAudio()}>${msg('The browser paused the sound: click to turn it on', { id: 'room.audio-blocked' })}</button></div>`
            : nothing}
          <meeting-notices></meeting-notices>
          <div class="main">
            <meeting-video-grid></meeting-video-grid>
            <aside id="panel" part="panel" ?hidden=${!this.panelOpen} aria-label=${msg('Participants', { id: 'toolbar.people' })}>
              <meeting-wait-room></meeting-wait-room>
              <meeting-host-controls></meeting-host-controls>
              <meeting-roster></meeting-roster>
            </aside>
          </div>
          <meeting-toolbar ?panel-open=${this.panelOpen} @meeting-panel-toggle=${(e: CustomEvent<{ open: boolean }>) => (this.panelOpen = e.detail.open)}></meeting-toolbar>`;
      case 'left':
        return html`<div class="screen" role="status" data-screen="left">
          <div>
            <h1>${leftText(s.leftReason)}</h1>
            ${s.leftReason === 'left' ? html`<button @click=${this.rejoin}>${msg('Rejoin', { id: 'left.rejoin' })}</button>` : nothing}
          </div>
        </div>`;
      case 'error':
        return html`<div class="screen" role="alert" data-screen="error" data-code=${String(s.error?.code ?? '')}>
          <div>
            <h1>${msg('Cannot join the meeting', { id: 'error.title' })}</h1>
            <p>${errorText(s.error?.code ?? 0)}</p>
            ${s.error?.startTime ? html`<p class="starts">${msg('It starts at', { id: 'error.starts-at' })} ${new Date(s.error.startTime).toLocaleString(this.lang || undefined)}</p>` : nothing}
            ${s.error?.code === 2018 || s.error?.code === 2014 ? this.renderPassword() : nothing}
            <p class="code">${msg('Error code', { id: 'error.code' })} ${s.error?.code}</p>
          </div>
        </div>`;
    }
  }

  private renderPassword() {
    return html`<form class="password" @submit=${this.onPassword}>
      <label>${msg('Meeting password', { id: 'error.password' })} <input type="password" name="password" required autocomplete="off" maxlength="64" /></label>
      <button type="submit">${msg('Join', { id: 'prejoin.join' })}</button>
    </form>`;
  }

  private onPassword = (e: SubmitEvent) => {
    e.preventDefault();
    this.password = new FormData(e.target as HTMLFormElement).get('password')?.toString() ?? '';
    this.rejoin();
  };

  private renderHeader() {
    const me = this.snapshot.me;
    const count = this.snapshot.participants.length;
    const policy = this.snapshot.policy;
    return html`<header part="header">
      <h1>${policy.subject || this.snapshot.meeting?.subject || ''}</h1>
      ${policy.locked ? html`<span class="badge locked" role="img" aria-label=${msg('The meeting is locked', { id: 'header.locked' })}>${lockIcon}</span>` : nothing}
      <span class="badge" aria-live="polite">${count} ${msg('in the meeting', { id: 'header.participants' })}</span>
      ${me ? html`<span class="badge ${me.role}" data-my-role=${me.role}>${roleText(me.role)}</span>` : nothing}
    </header>`;
  }

  private rejoin = () => {
    this.controller.reset();
    this.started = false;
    void this.start();
  };

  private joinSource(): JoinSource | undefined {
    if (this.token && this.serverUrl) return { kind: 'token', serverUrl: this.serverUrl, token: this.token };
    const server = this.server || location.origin;
    let params: JoinRequest = {};
    if (this.usePageUrl) params = this.pageParams ??= takeJoinParamsFromPage();
    if (this.code) params = { ...params, code: this.code };
    if (this.rd) params = { ...params, rd: this.rd };
    if (this.displayName && !params.name) params = { ...params, name: this.displayName };
    if (this.password) params = { ...params, password: this.password };
    if (!params.code && !params.rd) return undefined;
    return { kind: 'link', server, params };
  }

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-room': MeetingRoom;
  }
  interface HTMLElementEventMap {
    'meeting-joined': CustomEvent<MeetingJoinedDetail>;
    'meeting-left': CustomEvent<MeetingLeftDetail>;
    'meeting-error': CustomEvent<MeetingErrorDetail>;
  }
}
