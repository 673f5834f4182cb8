import { textOn } from '../styles/contrast.js';
import { provide } from '@lit/context';
import { currentLocale, localized, msg, withStrings } from '../i18n/localize.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DEFAULT_MAX_VIDEOS, type LayoutMode } from '../../client/layout.js';
import type { HostActions } from '../../client/host-actions.js';
import { MeetingController, type JoinSource } from '../../client/meeting-controller.js';
import { meetingEventsBetween } from '../../client/meeting-events.js';
import { MeetingClientError, joinParamsFromQuery, takeJoinParamsFromPage } from '../../client/join-api.js';
import { initialSnapshot, type MeetingSnapshot } from '../../client/snapshot.js';
import type { AppDataOptions } from '../../protocol/app-data.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Emoji } from '../../protocol/reactions.js';
import type { JoinRequest } from '../../protocol/join.js';
import { layoutOf } from '../../client/view.js';
import { controllerContext, snapshotContext, stringsContext } from '../context.js';
import { SHORTCUT_FEATURE, hiddenFeatures, type Feature } from '../features.js';
import { localeAround, pickLocale, stringsFor, type MeetingStrings, type Strings } from '../i18n/localization.js';
import { announcementText, errorText, leftText } from '../i18n/texts.js';
import '../meeting-audio/meeting-audio.js';
import '../meeting-chat/meeting-chat.js';
import '../meeting-header/meeting-header.js';
import '../meeting-host-controls/meeting-host-controls.js';
import '../meeting-notices/meeting-notices.js';
import '../meeting-prejoin/meeting-prejoin.js';
import '../meeting-recorder/meeting-recorder.js';
import '../meeting-roster/meeting-roster.js';
import '../meeting-stats/meeting-stats.js';
import '../meeting-toolbar/meeting-toolbar.js';
import '../meeting-video-grid/meeting-video-grid.js';
import '../meeting-wait-room/meeting-wait-room.js';
import { shortcutOf, takesText, type ShortcutAction } from '../shortcuts.js';
import { themes, tokens } from '../styles/tokens.js';
import { changesBetween } from './announcements.js';
import { meetingEvent } from './events.js';
import { styles } from './meeting-room.styles.js';
import { updateNow } from '../update-now.js';

export type * from './events.js';

/** The attributes that say which meeting: a new value leaves the current one and joins the new one. */
const JOIN_PROPS = ['code', 'rd', 'link', 'token', 'serverUrl', 'server'] as const;

const inMeeting = (s: MeetingSnapshot) => s.phase === 'connected' || s.phase === 'reconnecting';

/**
 * A whole meeting in one tag: resolves the join link, shows the pre-join screen (and the waiting
 * room when a host must let people in), then the video grid, the toolbar and a participants
 * panel (roster, host controls, waiting queue); says clearly why when it cannot join, and asks for
 * the password when one is needed.
 *
 * Give it `code` (and `server` when the meeting server is another origin), or `link` (a whole join
 * link, a host link's proof included), or `token` and `server-url`, or `use-page-url` to read the
 * join link from the page's own address. A new `code`, `rd`, `link`, `token`, `server-url` or `server` after the start leaves the current meeting and joins the
 * new one (straight in when the person was in the meeting; else at its pre-join screen). A new
 * `display-name` (or `name`) in the meeting renames the person.
 *
 * `hide="chat roster share hand leave …"` leaves features out (any of mic, camera, share, hand, reactions,
 * record, chat, roster, settings, stats, leave): not rendered, and their shortcuts off. `roster` is the
 * whole participants panel (roster, host controls, waiting queue); the methods still work.
 *
 * The API, after Whereby's `<whereby-embed>` and Daily's call object: `snapshot` (read only, the
 * whole state; `meeting-snapshot-change` on each change), promise methods `join(name?)`, `leave()`,
 * `toggleMic(on?)`, `toggleCamera(on?)`, `toggleShare(on?)`, `raiseHand(on?)`, `sendChat(text, {to?})`, `sendFile(file, {to?})`,
 * `startRecording()`, `pauseRecording()`, `resumeRecording()`, `stopRecording()` (a WebM `Blob`)
 * that reject with a `MeetingClientError` (`code`, `msg`: SPEC error codes), and `host`, the host
 * and co-host actions (`host.mute(identity)`, `host.admit(identity)`, `host.lock(true)` … one per
 * entry of `src/protocol/control-actions.ts`, arguments in its field order; each resolves whether
 * the server took it, a refusal is also a `meeting-error`).
 *
 * Events: every one a bubbling, composed `CustomEvent` declared once in `MeetingEventDetails`
 * (`src/client/meeting-events.ts`), all but errors and chat derived from snapshot changes.
 * @fires meeting-joined - joined the meeting; detail `{identity, role, meetingId}`
 * @fires meeting-left - left or was disconnected; detail `{reason}`
 * @fires meeting-error - could not join, a device failed, or the server refused an action; detail `{code, msg}` (SPEC error codes)
 * @fires meeting-chat - a chat message from someone else; detail `{id, from, fromName, to, text, at}`
 * @fires meeting-connection-change - the phase changed; detail `{state, previous}` (prejoin, connecting, waiting, connected, reconnecting, left, error)
 * @fires meeting-participant-joined - someone else is in the meeting (came in, or was there when I joined); detail `{identity, name, isLocal, role, micOn, cameraOn, screenOn}`
 * @fires meeting-participant-left - someone else left; detail `{identity, name, isLocal}`
 * @fires meeting-mic-change - a microphone went on or off (mine too); detail `{identity, name, isLocal, on}`
 * @fires meeting-camera-change - a camera went on or off; detail `{identity, name, isLocal, on}`
 * @fires meeting-share-change - a screen share started or stopped; detail `{identity, name, isLocal, on}`
 * @fires meeting-hand-change - a hand went up or down; detail `{identity, name, isLocal, raised}`
 * @fires meeting-role-change - someone's role changed (mine too); detail `{identity, name, isLocal, role, previous}`
 * @fires meeting-recording-change - someone (me too) started or stopped recording the meeting in their browser; detail `{identity, name, isLocal, on}`
 * @fires meeting-recorder-change - my own local recording started, paused, resumed or stopped; detail `{state, previous, size?}`
 * @fires meeting-waiting-added - (hosts) someone is in the waiting room; detail `{identity, name, since}`
 * @fires meeting-waiting-removed - (hosts) someone no longer waits (let in, turned away, gone); detail `{identity, name, since}`
 * @fires meeting-me-waiting - I wait to be let in, or my place changed; detail `{position?}`
 * @fires meeting-me-admitted - a host let me in; detail `{}`
 * @fires meeting-snapshot-change - the snapshot changed (after the other events of that change); detail the new snapshot
 * @fires meeting-reaction - anyone's reaction (mine too), as the server relayed it; detail `{id, from, fromName, emoji, at}`
 * @fires meeting-app-data - app data from another participant; detail `{from, topic, data}` (data: a JSON value, or a `Uint8Array`)
 * @fires meeting-app-data-progress - how far a large app data transfer to me has arrived; detail `{id, from, topic, progress}` (0 to 1)
 *
 * Keyboard: Alt+M microphone, Alt+V camera, Alt+H hand, Alt+P participants panel, Alt+L leave
 * (not while typing in a field, nor for a hidden feature). Joins, leaves, hands and layout changes
 * are announced to screen readers in one polite live region.
 *
 * @slot branding - the header's logo area, before the subject (a logo, a product name)
 * @slot toolbar-extra - extra buttons in the toolbar, before Leave
 * @slot - with `custom-layout`: the page's own layout of sub-elements, shown in the meeting
 *
 * @csspart screen - the loading, left and error screens
 * @csspart custom - with `custom-layout`: the area that shows the page's own layout
 * @csspart banner - the reconnecting and sound-paused banners
 * @csspart panel - the side panel (participants, chat, statistics); tab - its tabs
 * @csspart header - the header bar; also branding, subject, elapsed, badge, recording, header-quality, stats-button
 * @csspart logo - the tenant's (or room's) logo, shown in the branding place when the page's branding slot is empty
 * @csspart toolbar-button - every toolbar button; record-timer - the local recording's timer; leave - the leave button; settings-dialog - the device dialog
 * @csspart device-select - each device list (pre-join and device dialog); device-flip - the flip-camera button
 * @csspart stage - the videos' space; also main, spotlight, grid, cell, pin, video-quality (a remote video's quality choice), controls and the tiles' tile-video, tile-label, tile-placeholder, tile-quality
 * @csspart person - a roster row; also search, list, roster-quality
 * @csspart rename-dialog - the rename dialog (roster and host controls)
 * @csspart chat-log - the chat messages; chat-message - one message; chat-file - a file in a message; chat-form - the recipient, text and send button
 * @csspart notice - one notice
 * @csspart stats-table - the statistics table; stats-copy - its copy button
 * @csspart prejoin-card - the pre-join panel; also preview, join, prejoin-devices, mic-level (the meter's bar)
 * @csspart wait-screen - the waiting screen; queue - the hosts' waiting queue
 * @csspart end - the host's "end for all" button
 * @cssprop --meeting-bg - page background
 * @cssprop --meeting-surface - panels, tiles, idle buttons
 * @cssprop --meeting-fg - text colour
 * @cssprop --meeting-muted-fg - secondary text
 * @cssprop --meeting-line - borders and separators
 * @cssprop --meeting-accent - buttons that are on, highlights, the focus ring (default: the tenant's accent colour, else the theme's)
 * @cssprop --meeting-danger - leave, things turned off, poor connection
 * @cssprop --meeting-danger-fg - error text
 * @cssprop --meeting-warning-bg - banners and warnings
 * @cssprop --meeting-hand - raised hands
 * @cssprop --meeting-speaking - the ring around who speaks
 * @cssprop --meeting-radius - corner radius
 * @cssprop --meeting-font - font family
 */
@localized()
export class MeetingRoom extends LitElement {
  static override styles = [themes, tokens, styles];

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
  /** The same as `display-name` (the join link's `name`); `display-name` wins when both are given. */
  @property() name = '';
  /**
   * A whole join link (`https://meet.example.com/join?code=…&role=host&hk=…&exp=…`, or only its
   * `?query`), read as `/join` reads it: a host link's proof and its `lang` included. Its origin is
   * the meeting server unless `server` says otherwise; `code`, `rd` and `password` win over its
   * parameters, its `name` and `lo` over `name`/`display-name` and `listen-only`. Set as a property, its proof stays
   * out of the DOM (an attribute is seen by whatever reads the page's markup).
   */
  @property() link = '';
  @property({ type: Boolean, attribute: 'start-audio-off' }) startAudioOff = false;
  @property({ type: Boolean, attribute: 'start-video-off' }) startVideoOff = false;
  /** Join listen-only (as the link's `lo=1`): no device until the person chooses "join with audio", which the server allows. */
  @property({ type: Boolean, attribute: 'listen-only' }) listenOnly = false;
  /** `en` or `zh-CN` (also `zh`); else the closest ancestor's `lang`, else the browser's language (with `use-page-url`: the link's `lang`, else the browser's). */
  @property() override lang = '';
  /**
   * Replacements for any text, in any language, keyed by the texts' ids (listed with their Chinese in
   * `src/components/i18n/zh-CN.ts`): `{ 'prejoin.join': 'Enter' }`; `{0}` … stand for a text's values.
   * As an attribute: the same object in JSON.
   */
  @property({ type: Object, converter: { fromAttribute: stringsFromAttribute } }) strings: MeetingStrings = {};
  /** @internal The language and replacements every element inside renders with (from `lang` and `strings`). */
  @provide({ context: stringsContext })
  @state()
  ownStrings?: Strings;
  /** Read the join link (code, name, v, a, role, lang …) from this page's address. */
  @property({ type: Boolean, attribute: 'use-page-url' }) usePageUrl = false;
  /** The layout to start with: `gallery` or `speaker` (people can change it). */
  @property() layout: LayoutMode = 'gallery';
  /** At most this many videos on screen (and received) at once; more go on pages. */
  @property({ type: Number, attribute: 'max-videos' }) maxVideos = DEFAULT_MAX_VIDEOS;
  /** `dark`, `light`, or `auto` (follows the system's light or dark setting). */
  @property({ reflect: true }) theme: 'dark' | 'light' | 'auto' = 'dark';
  /** Features left out, space-separated: mic camera share hand reactions record chat roster settings stats leave. */
  @property() hide = '';
  /**
   * A layout of the page's own (SPEC E1): in the meeting, the tag shows its children (the default
   * slot) below its header, in place of its grid, panel and toolbar. Sub-elements placed there
   * (`<meeting-video-grid>`, `<meeting-toolbar>`, `<meeting-roster>`, `<meeting-chat>` …) read this
   * meeting and act on it; the pre-join, waiting and error screens, notices and sound stay the tag's.
   */
  @property({ type: Boolean, attribute: 'custom-layout' }) customLayout = false;

  @provide({ context: controllerContext })
  controller: MeetingController = new MeetingController();

  @provide({ context: snapshotContext })
  @state()
  private current: MeetingSnapshot = initialSnapshot;

  /** Which side panel is open: the people (roster, host controls, waiting room), the chat or the statistics. */
  @state() private panel: 'people' | 'chat' | 'stats' | null = null;
  /** The live region's text: the latest joins, leaves, hands and layout change. */
  @state() private announcement = '';
  /** A password the person typed after 2018 / 2014. */
  @state() private password = '';

  private unsubscribe: Array<() => void> = [];
  private started = false;
  private rendered = false;
  /** Starts and meeting switches, one after the other. */
  private lifecycle: Promise<void> = Promise.resolve();
  /** The join this element started, until it settles. */
  private joining?: Promise<void>;
  /** The page's join link, read once: its secrets leave the address bar at that first read. */
  private pageParams?: JoinRequest;
  /** The join link's `lang`, read at the first update (as the link's other parameters). */
  private linkLang?: string | null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
    this.unsubscribe = [
      () => window.removeEventListener('keydown', this.onKey),
      this.controller.on('change', (e) => this.show(e.detail)),
      // Not state: told as they happen. Everything else follows from the snapshots (`show`).
      this.controller.on('error', (e) => this.dispatchEvent(meetingEvent('meeting-error', e.detail))),
      this.controller.on('chat', (e) => this.dispatchEvent(meetingEvent('meeting-chat', e.detail))),
      this.controller.on('reaction', (e) => this.dispatchEvent(meetingEvent('meeting-reaction', e.detail))),
      this.controller.on('app-data', (e) => this.dispatchEvent(meetingEvent('meeting-app-data', e.detail))),
      this.controller.on('app-data-progress', (e) => this.dispatchEvent(meetingEvent('meeting-app-data-progress', e.detail))),
    ];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((off) => off());
    void this.controller.destroy();
  }

  /** The whole state of the meeting, read only (`meeting-snapshot-change` tells each new one). */
  get snapshot(): MeetingSnapshot {
    return this.current;
  }

  /**
   * The host and co-host actions (`host.mute(identity)`, `host.admit(identity)`, `host.lock(true)` …),
   * one per action of `src/protocol/control-actions.ts`; each answers whether the server took it.
   */
  get host(): HostActions {
    return this.controller.host;
  }

  /** Every event of a change, from the one diff of two snapshots, fired once `snapshot` is the new one. */
  private show(next: MeetingSnapshot): void {
    const prev = this.current;
    const said = changesBetween(prev, next, layoutOf(prev).mode, layoutOf(next).mode);
    if (said.length) this.announcement = withStrings(this, () => said.map(announcementText).join('. '));
    else if (!inMeeting(next)) this.announcement = '';
    this.current = next;
    for (const event of meetingEventsBetween(prev, next)) this.dispatchEvent(meetingEvent(event.type, event.detail as never));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layout') && (this.layout === 'gallery' || this.layout === 'speaker')) this.controller.setLayout(this.layout);
    if (changed.has('maxVideos')) this.controller.setMaxVideos(this.maxVideos);
    if (changed.has('hide') && this.panel) this.openPanel(this.panel);
    if (!this.hasUpdated) this.linkLang = this.usePageUrl ? new URLSearchParams(location.search).get('lang') : null;
    // With use-page-url the room is the page (our /join, whose <html lang> is a placeholder): the link's lang, else the browser's.
    const lang = this.lang || this.linkLang || (this.link ? (parseLink(this.link)?.searchParams.get('lang') ?? null) : null);
    this.ownStrings = stringsFor(lang || this.usePageUrl ? pickLocale(lang) : localeAround(this), this.strings);
  }

  protected override firstUpdated(): void {
    void this.start();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.rendered) {
      if (JOIN_PROPS.some((p) => changed.has(p))) void this.queue(() => this.switchMeeting());
      else if ((changed.has('displayName') || changed.has('name')) && this.offeredName && inMeeting(this.current) && this.offeredName !== this.current.me?.name) void this.controller.renameMe(this.offeredName);
    }
    this.rendered = true;
    // The videos before the header, toolbar and panel (same frame): with adaptive stream the SFU
    // sends a video only once its element is attached, which the tile does in its first update.
    updateNow(this.renderRoot.querySelector('meeting-video-grid'));
  }

  /** Resolves the join and opens the pre-join screen. Called by itself once the element is on a page. */
  start(): Promise<void> {
    return this.queue(() => this.begin());
  }

  private async begin(): Promise<void> {
    const source = this.joinSource();
    if (!source || this.started) return;
    this.started = true;
    const params = source.kind === 'link' ? source.params : {};
    const listenOnly = params.lo !== undefined && String(params.lo) !== '0';
    const audio = !listenOnly && (params.a !== undefined ? String(params.a) !== '0' : !this.startAudioOff);
    const video = !listenOnly && (params.v !== undefined ? String(params.v) !== '0' : !this.startVideoOff);
    await this.controller.prepare(source, { audio, video });
  }

  /**
   * Joins with the devices chosen on the pre-join screen (again, after leaving); resolves once in
   * the meeting (after the waiting room, when there is one), rejects with a `MeetingClientError`.
   */
  async join(name?: string): Promise<void> {
    await this.lifecycle;
    if (this.current.phase === 'left') await this.queue(() => this.restart());
    if (this.current.phase === 'prejoin') await this.track(this.controller.join(name ?? this.offeredName));
    else if (this.joining) await this.joining;
    else if (this.current.phase === 'connecting' || this.current.phase === 'waiting') await this.until((s) => s.phase !== 'connecting' && s.phase !== 'waiting');
    const s = this.current;
    if (s.phase === 'error' && s.error) throw new MeetingClientError(s.error.code, s.error.msg, s.error.startTime);
    if (s.phase === 'idle') throw new MeetingClientError(ErrorCode.MISSING_PARAMETER, 'Give the element a code, an rd, or a token and server-url');
    if (!inMeeting(s)) throw new MeetingClientError(ErrorCode.MEMBER_NOT_IN_MEETING, `Not in the meeting (${s.phase})`);
  }

  /** Leaves the meeting (or stops waiting); resolves once left. */
  async leave(): Promise<void> {
    await this.lifecycle;
    await this.controller.leave();
  }

  /** Microphone on or off (`on` omitted: the other way), also on the pre-join screen; resolves with whether it is on. */
  toggleMic(on?: boolean): Promise<boolean> {
    return this.controller.setMic(on);
  }

  /** Camera on or off (`on` omitted: the other way), also on the pre-join screen; resolves with whether it is on. */
  toggleCamera(on?: boolean): Promise<boolean> {
    return this.controller.setCamera(on);
  }

  /** Screen share on or off; resolves with whether I share (false when the picker was cancelled, or the host must approve first). */
  toggleShare(on?: boolean): Promise<boolean> {
    return this.controller.setScreenShare(on);
  }

  /** @deprecated the name of `toggleShare()` before it took `on`. */
  toggleScreenShare(): Promise<boolean> {
    return this.toggleShare();
  }

  /** My hand up or down (`on` omitted: the other way); resolves with the hand asked for once the server took it. */
  raiseHand(on?: boolean): Promise<boolean> {
    return this.controller.raiseHand(on);
  }
  /** Writes in the chat, to everyone or (`to`, an identity) one person; answers whether the server took it. */
  sendChat(text: string, opts: { to?: string | null } = {}): Promise<boolean> {
    return this.controller.sendChat(text, opts);
  }

  /**
   * Sends a file (a `File`, or a `Blob`) in the chat to everyone or (`to`) one person, with its
   * progress in `snapshot.files`; answers once it all went whether it did (false when the server
   * refused it, for instance over the size limit, or it was cancelled).
   */
  sendFile(file: Blob, opts: { to?: string | null } = {}): Promise<boolean> {
    return this.controller.sendFile(file, opts);
  }

  /** Stops a file of the chat on its way, by its id (the message's `file.stream`): mine for everyone, one to me for me only. */
  cancelFile(id: string): void {
    this.controller.cancelFile(id);
  }

  /** Reacts with one of 👍 👏 😂 ❤️ 🎉 😮; answers whether the server took it. */
  react(emoji: Emoji): Promise<boolean> {
    return this.controller.react(emoji);
  }
  /**
   * App data to everyone or `to` (identities) on `topic` (not `meeting.…` nor `lk.…`): a JSON value,
   * or bytes (sent as a byte stream, with `onProgress`). Rejects with `{code, msg}` when it cannot be sent.
   */
  sendAppData(data: unknown, opts: AppDataOptions = {}): Promise<void> {
    return this.controller.sendAppData(data, opts);
  }

  /**
   * Records the meeting as I see it (the grid and everyone's audio) in this browser, once the server
   * allowed it; everyone sees "Recording". Rejects with a `MeetingClientError` (2103: the host does not allow it).
   */
  startRecording(): Promise<void> {
    return this.controller.startRecording();
  }

  async pauseRecording(): Promise<void> {
    this.controller.pauseRecording();
  }

  async resumeRecording(): Promise<void> {
    this.controller.resumeRecording();
  }

  /** Stops recording; resolves with the recording, a WebM `Blob` (also offered with a "Save recording" button). */
  stopRecording(): Promise<Blob> {
    return this.controller.stopRecording();
  }

  override render() {
    // The column lives inside, not on :host, so a page's own `display` on the tag keeps the layout.
    const accent = this.snapshot.meeting?.branding?.accentColor;
    const tenantAccent = accent && /^#[0-9a-f]{6}$/i.test(accent) ? `--_tenant-accent: ${accent}; --_tenant-on-accent: ${textOn(accent)}` : nothing;
    const { phase, mediaConnecting } = this.snapshot;
    // While the connection comes up, the meeting is built behind the pre-join screen (seen once the
    // media connection is up), so that others' video is attached, and sent, the moment it arrives.
    const entering = phase === 'connecting' && mediaConnecting;
    const prejoin = phase === 'prejoin' || phase === 'connecting';
    const meeting = entering || phase === 'connected' || phase === 'reconnecting';
    // Its language said on its own root, so that a screen reader reads the Chinese with a Chinese voice on any page.
    return html`<div class="frame ${entering ? 'entering' : ''}" lang=${this.ownStrings?.locale ?? nothing} style=${tenantAccent}>
        ${meeting ? this.renderMeeting() : nothing}${prejoin ? this.renderPrejoin() : nothing}${this.renderScreen()}
      </div>
      <meeting-audio></meeting-audio>`;
  }

  /** The screens of the other phases: loading, waiting, left, error. */
  private renderScreen() {
    const s = this.snapshot;
    switch (s.phase) {
      case 'idle':
        return html`<div class="screen" part="screen" role="status">${msg('Loading…', { id: 'loading' })}</div>`;
      case 'waiting':
        return html`<meeting-wait-room exportparts="screen: wait-screen, queue"></meeting-wait-room>`;
      case 'left':
        return html`<div class="screen" part="screen" role="status" data-screen="left">
          <div>
            <h1>${leftText(s.leftReason)}</h1>
            ${s.leftReason === 'left' ? html`<button @click=${this.rejoin}>${msg('Rejoin', { id: 'left.rejoin' })}</button>` : nothing}
            ${s.recording.ready ? html`<meeting-recorder></meeting-recorder>` : nothing}
          </div>
        </div>`;
      case 'error':
        return html`<div class="screen" part="screen" role="alert" data-screen="error" data-code=${String(s.error?.code ?? '')}>
          <div>
            <h1>${msg('Cannot join the meeting', { id: 'error.title' })}</h1>
            <p>${s.error?.cancelled ? msg('The meeting was cancelled.', { id: 'error.cancelled' }) : errorText(s.error?.code ?? 0)}</p>
            ${s.error?.startTime ? html`<p class="starts">${msg('It starts at', { id: 'error.starts-at' })} ${new Date(s.error.startTime).toLocaleString(currentLocale())}</p>` : nothing}
            ${s.error?.code === 2018 || s.error?.code === 2014 ? this.renderPassword() : nothing}
            <p class="code">${msg('Error code', { id: 'error.code' })} ${s.error?.code}</p>
          </div>
        </div>`;
      default:
        return nothing;
    }
  }

  private renderPrejoin() {
    return html`<meeting-prejoin display-name=${this.offeredName} exportparts="card: prejoin-card, preview, join, devices: prejoin-devices, mic-level, device-select, device-flip"></meeting-prejoin>`;
  }

  /** The meeting: one template whether seen or, while entering, still behind the pre-join screen (its elements kept). */
  private renderMeeting() {
    const s = this.snapshot;
    return html`<meeting-header
        exportparts="header, branding, subject, elapsed, badge, recording, quality: header-quality, stats-button"
        hide=${this.hide}
        ?stats-open=${this.panel === 'stats'}
        @meeting-stats-toggle=${(e: CustomEvent<{ open: boolean }>) => this.openPanel(e.detail.open ? 'stats' : null)}
        ><slot name="branding" slot="branding">${this.renderLogo()}</slot
      ></meeting-header>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announce>${this.announcement}</div>
      ${s.phase === 'reconnecting' ? html`<div class="banner" part="banner" role="status">${msg('Reconnecting…', { id: 'room.reconnecting' })}</div>` : nothing}
      ${s.audioBlocked
        ? html`<div class="banner" part="banner"><button @click=${() => this.controller.startAudio()}>${msg('The browser paused the sound: click to turn it on', { id: 'room.audio-blocked' })}</button></div>`
        : nothing}
      <meeting-notices exportparts="notice"></meeting-notices>
      ${this.customLayout ? html`<div class="main custom" part="custom"><slot></slot></div>` : this.renderBuiltIn()}`;
  }

  /** The built-in layout: the grid and the side panel, the toolbar below. */
  private renderBuiltIn() {
    return html`<div class="main">
        <meeting-video-grid exportparts="stage, main, spotlight, grid, cell, pin, video-quality, controls, tile-video, tile-label, tile-placeholder, tile-quality"></meeting-video-grid>
        ${this.renderPanel()}
      </div>
      <meeting-toolbar
        exportparts="button: toolbar-button, record-timer, leave, settings: settings-dialog, device-select, device-flip"
        hide=${this.hide}
        ?panel-open=${this.panel === 'people'}
        ?chat-open=${this.panel === 'chat'}
        @meeting-panel-toggle=${this.onPanelToggle}
        ><slot name="toolbar-extra" slot="extra"></slot
      ></meeting-toolbar>`;
  }

  /** The tenant's (or room's) logo, when the page put nothing of its own in the branding slot. */
  private renderLogo() {
    const logoUrl = this.snapshot.meeting?.branding?.logoUrl;
    return logoUrl ? html`<img part="logo" class="logo" src=${logoUrl} alt=${msg('Organisation logo', { id: 'room.logo' })} referrerpolicy="no-referrer" />` : nothing;
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

  private renderPanel() {
    const people = !this.hides('roster');
    const chat = !this.hides('chat');
    const tab = (name: 'people' | 'chat', label: string) =>
      html`<button role="tab" part="tab" id="tab-${name}" class="tab ${name}" aria-selected=${String(this.panel === name)} aria-controls="panel-${name}" tabindex=${this.panel === name ? '0' : '-1'} @click=${() => this.openPanel(name)} @keydown=${this.onTabKey}>${label}</button>`;
    return html`<aside id="panel" part="panel" ?hidden=${this.panel === null} aria-label=${this.panel === 'chat' ? msg('Chat', { id: 'chat.title' }) : this.panel === 'stats' ? msg('Connection statistics', { id: 'header.stats' }) : msg('Participants', { id: 'toolbar.people' })}>
      ${people || chat
        ? html`<div class="tabs" role="tablist" aria-label=${msg('Side panel', { id: 'panel.tabs' })}>${people ? tab('people', msg('Participants', { id: 'toolbar.people' })) : nothing}${chat ? tab('chat', msg('Chat', { id: 'chat.title' })) : nothing}</div>`
        : nothing}
      ${this.panel === 'stats' ? html`<meeting-stats exportparts="table: stats-table, copy: stats-copy"></meeting-stats>` : nothing}
      ${people ? this.renderPeople() : nothing}
      ${chat
        ? html`<div id="panel-chat" role="tabpanel" aria-labelledby="tab-chat" class="chat-panel" ?hidden=${this.panel !== 'chat'}>
            <meeting-chat exportparts="log: chat-log, message: chat-message, file: chat-file, form: chat-form"></meeting-chat>
          </div>`
        : nothing}
    </aside>`;
  }

  private renderPeople() {
    return html`<div id="panel-people" role="tabpanel" aria-labelledby="tab-people" class="people" ?hidden=${this.panel !== 'people'}>
      <meeting-wait-room exportparts="screen: wait-screen, queue"></meeting-wait-room>
      <meeting-host-controls exportparts="end, dialog: rename-dialog"></meeting-host-controls>
      <meeting-roster exportparts="search, list, person, quality: roster-quality, dialog: rename-dialog"></meeting-roster>
    </div>`;
  }

  private onPanelToggle = (e: CustomEvent<{ open: boolean; tab: 'people' | 'chat' }>) => {
    this.openPanel(e.detail.open ? e.detail.tab : null);
  };

  private openPanel(panel: 'people' | 'chat' | 'stats' | null): void {
    const feature = { people: 'roster', chat: 'chat', stats: 'stats' } as const;
    this.panel = panel && this.hides(feature[panel]) ? null : panel;
    this.controller.setChatOpen(this.panel === 'chat');
  }

  /** Arrow keys move between the two tabs (the ARIA tabs pattern). */
  private onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = this.panel === 'chat' ? 'people' : 'chat';
    if (this.hides(next === 'chat' ? 'chat' : 'roster')) return;
    this.openPanel(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };

  /** Alt+letter shortcuts while in the meeting, never while typing in a field. */
  private onKey = (e: KeyboardEvent) => {
    const phase = this.snapshot.phase;
    if (phase !== 'connected' && phase !== 'reconnecting') return;
    const action = shortcutOf({ code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, repeat: e.repeat, typing: takesText(e.composedPath()[0]) });
    if (!action) return;
    e.preventDefault();
    this.run(action);
  };

  private run(action: ShortcutAction): void {
    if (this.hides(SHORTCUT_FEATURE[action])) return;
    const me = this.snapshot.participants.find((p) => p.isLocal);
    switch (action) {
      case 'mic':
        return void this.controller.toggleMic();
      case 'camera':
        return void this.controller.toggleCamera();
      case 'hand':
        return void this.controller.setHand(me?.handAt == null);
      case 'panel':
        return this.openPanel(this.panel === 'people' ? null : 'people');
      case 'leave':
        return void this.controller.leave();
    }
  }

  private rejoin = () => {
    void this.queue(() => this.restart());
  };

  /** Back to the pre-join screen of the meeting the attributes name. */
  private async restart(): Promise<void> {
    this.controller.reset();
    this.started = false;
    await this.begin();
  }

  /** Another meeting was named: leave this one, and go into the new one as far as the person was in this one. */
  private async switchMeeting(): Promise<void> {
    const { phase, me } = this.current;
    const wasIn = phase === 'connecting' || phase === 'waiting' || inMeeting(this.current);
    if (wasIn) await this.controller.leave();
    await this.joining?.catch(() => undefined);
    this.password = '';
    await this.restart();
    if (wasIn && this.current.phase === 'prejoin') void this.track(this.controller.join(me?.name ?? this.offeredName)).catch(() => undefined);
  }

  private queue(step: () => Promise<void>): Promise<void> {
    const run = this.lifecycle.then(step);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private track(join: Promise<void>): Promise<void> {
    const joining = join.finally(() => {
      if (this.joining === joining) this.joining = undefined;
    });
    this.joining = joining;
    return joining;
  }

  /** Resolves at the first snapshot for which `done` holds. */
  private until(done: (s: MeetingSnapshot) => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (done(this.current)) return resolve();
      const off = this.controller.on('change', (e) => {
        if (!done(e.detail)) return;
        off();
        resolve();
      });
    });
  }

  private hides(feature: Feature): boolean {
    return hiddenFeatures(this.hide).has(feature);
  }

  private get offeredName(): string {
    return this.displayName || this.name;
  }

  private joinSource(): JoinSource | undefined {
    if (this.token && this.serverUrl) return { kind: 'token', serverUrl: this.serverUrl, token: this.token };
    const linked = this.link ? parseLink(this.link) : undefined;
    const server = this.server || linked?.origin || location.origin;
    let params: JoinRequest = linked ? joinParamsFromQuery(linked.search) : {};
    if (this.usePageUrl) params = { ...params, ...(this.pageParams ??= takeJoinParamsFromPage()) };
    if (this.code) params = { ...params, code: this.code };
    if (this.rd) params = { ...params, rd: this.rd };
    if (this.offeredName && !params.name) params = { ...params, name: this.offeredName };
    if (this.password) params = { ...params, password: this.password };
    if (this.listenOnly && params.lo === undefined) params = { ...params, lo: 1 };
    // The page's own link names no meeting: said at once (SPEC J2), where an element waits for its attributes.
    if (!params.code && !params.rd && !this.usePageUrl && !this.link) return undefined;
    return { kind: 'link', server, params };
  }
}

/** A `link` that is no http(s) URL names nothing (its join says the link is incomplete), rather than throwing. */
function parseLink(link: string): URL | undefined {
  try {
    const url = new URL(link, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A `strings` attribute that is not a JSON object replaces nothing, rather than throwing. */
function stringsFromAttribute(value: string | null): MeetingStrings {
  try {
    const parsed: unknown = JSON.parse(value ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as MeetingStrings) : {};
  } catch {
    return {};
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-room': MeetingRoom;
  }
}
