import { localized, msg } from '../i18n/localize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Notice } from '../../client/snapshot.js';
import { noticeText } from '../i18n/control-texts.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-notices.styles.js';

/**
 * What the server told this person: "the host muted you", "asks you to unmute", "you are now
 * co-host" … in a polite live region, each with a dismiss button and, where it fits, the action
 * it asks for. Notices go away by themselves after `timeout` ms.
 *
 * @csspart notice - one notice
 */
@localized()
export class MeetingNotices extends MeetingElement {
  static override styles = [tokens, styles];

  /** How long a notice stays, in ms (0 = until dismissed). */
  @property({ type: Number }) timeout = 8000;

  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  protected override updated(_changed: PropertyValues): void {
    if (!this.timeout) return;
    for (const n of this.snapshot?.notices ?? []) {
      if (!this.timers.has(n.id)) this.timers.set(n.id, setTimeout(() => this.controller?.dismissNotice(n.id), this.timeout));
    }
  }

  override render() {
    const notices = this.snapshot?.notices ?? [];
    return html`<div role="status" aria-live="polite" class="stack">
      ${repeat(
        notices,
        (n) => n.id,
        (n) => html`<div part="notice" class="notice" data-notice=${n.type}>
          <span>${noticeText(n)}</span>
          ${this.actionFor(n)}
          <button class="dismiss" aria-label=${msg('Dismiss', { id: 'notice.dismiss' })} @click=${() => this.controller?.dismissNotice(n.id)}>×</button>
        </div>`,
      )}
    </div>`;
  }

  private actionFor(n: Notice) {
    const c = this.controller;
    if (!c) return nothing;
    const run = (fn: () => unknown) => () => {
      c.dismissNotice(n.id);
      void fn();
    };
    switch (n.type) {
      case 'ask-unmute':
        return html`<button class="act" @click=${run(() => c.toggleMic())}>${msg('Unmute', { id: 'notice.unmute' })}</button>`;
      case 'ask-camera-on':
        return html`<button class="act" @click=${run(() => c.toggleCamera())}>${msg('Turn camera on', { id: 'notice.camera-on' })}</button>`;
      case 'share-approved':
        return html`<button class="act" @click=${run(() => c.toggleScreenShare())}>${msg('Share now', { id: 'notice.share-now' })}</button>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-notices': MeetingNotices;
  }
}
