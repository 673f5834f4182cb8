import { localized, msg } from '../i18n/localize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { hiddenFeatures } from '../features.js';
import { MeetingElement } from '../meeting-element.js';
import { isPoor, qualityMark } from '../quality.js';
import { roleText } from '../i18n/texts.js';
import { lockIcon, recordIcon, statsIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import { clockStart, formatElapsed } from './elapsed.js';
import { styles } from './meeting-header.styles.js';

/**
 * The bar above the meeting (SPEC R7): subject, time since the meeting started (ticking each
 * second while connected), recording and lock marks, how many are in, my role, and a warning
 * when my own connection is poor. Its statistics button asks for the stats panel.
 *
 * @fires meeting-stats-toggle - the statistics button was pressed; detail `{open}` (what it asks for)
 * @slot branding - a logo or product name, first in the bar
 * @csspart header - the bar
 * @csspart branding - the branding slot's place
 * @csspart subject - the meeting's subject
 * @csspart elapsed - the meeting clock
 * @csspart badge - every mark (recording, lock, count, role, warning)
 * @csspart recording - the recording mark
 * @csspart quality - my connection's signal bars
 * @csspart stats-button - the statistics button
 */
@localized()
export class MeetingHeader extends MeetingElement {
  static override styles = [tokens, styles];

  /** Whether the stats panel is open (set by `<meeting-room>`). */
  @property({ type: Boolean, attribute: 'stats-open' }) statsOpen = false;
  /** `stats` leaves the statistics button out (set by `<meeting-room>` from its own `hide`). */
  @property() hide = '';

  @state() private now = Date.now();
  /** Something is in the branding slot (through `<meeting-room>`'s own slot too). */
  @state() private branded = false;
  private joinedAt?: number;
  private timer?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopClock();
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const phase = this.snapshot?.phase;
    const inMeeting = phase === 'connected' || phase === 'reconnecting';
    if (inMeeting && this.isConnected) {
      this.joinedAt ??= Date.now();
      this.timer ??= setInterval(() => (this.now = Date.now()), 1000);
    } else {
      this.stopClock();
      if (!inMeeting) this.joinedAt = undefined;
    }
  }

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const me = s.participants.find((p) => p.isLocal);
    const start = clockStart(s.meeting?.startTime, this.joinedAt ?? this.now);
    const subject = s.policy.subject || s.meeting?.subject;
    return html`<header part="header">
      <span part="branding" class="branding" ?hidden=${!this.branded && !s.meeting?.branding?.logoUrl}><slot name="branding" @slotchange=${this.onBranding}></slot></span>
      ${subject ? html`<h1 part="subject">${subject}</h1>` : html`<span class="spacer"></span>`}
      <span part="badge elapsed" class="badge elapsed">
        <span class="visually-hidden">${msg('Time in the meeting', { id: 'header.elapsed' })}</span>
        <time datetime=${`PT${Math.max(0, Math.floor((this.now - start) / 1000))}S`}>${formatElapsed(this.now - start)}</time>
      </span>
      ${s.policy.recording
        ? html`<span part="badge recording" class="badge recording">${recordIcon}${msg('Recording', { id: 'header.recording' })}</span>`
        : nothing}
      ${s.policy.locked ? html`<span part="badge" class="badge locked" role="img" aria-label=${msg('The meeting is locked', { id: 'header.locked' })}>${lockIcon}</span>` : nothing}
      ${me && isPoor(me.connectionQuality) ? html`<span part="badge" class="badge warning">${msg('Your connection is poor', { id: 'header.my-poor' })}</span>` : nothing}
      ${me ? qualityMark(me.connectionQuality) : nothing}
      <span part="badge" class="badge count">${s.participants.length} ${msg('in the meeting', { id: 'header.participants' })}</span>
      ${s.me ? html`<span part="badge" class="badge ${s.me.role}" data-my-role=${s.me.role}>${roleText(s.me.role)}</span>` : nothing}
      ${hiddenFeatures(this.hide).has('stats') ? nothing : html`<button part="stats-button" class="stats" aria-pressed=${String(this.statsOpen)} title=${msg('Connection statistics', { id: 'header.stats' })} @click=${this.onStats}>
        ${statsIcon}<span class="visually-hidden">${msg('Connection statistics', { id: 'header.stats' })}</span>
      </button>`}
    </header>`;
  }

  private onBranding = (e: Event) => {
    this.branded = (e.target as HTMLSlotElement).assignedNodes({ flatten: true }).some((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent?.trim());
  };

  private stopClock(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private onStats = () => {
    this.dispatchEvent(new CustomEvent('meeting-stats-toggle', { detail: { open: !this.statsOpen }, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-header': MeetingHeader;
  }
  interface HTMLElementEventMap {
    'meeting-stats-toggle': CustomEvent<{ open: boolean }>;
  }
}
