import { localized, msg } from '@lit/localize';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cameraIcon, cameraOffIcon, handIcon, leaveIcon, micIcon, micOffIcon, peopleIcon, screenIcon } from '../styles/icons.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-toolbar.styles.js';

/**
 * The person's own controls: microphone, camera, screen share, hand, the participants panel,
 * leave. Toggles are buttons with `aria-pressed`, reachable by keyboard. What the host turned
 * off shows as such (the button says why when pressed).
 *
 * @fires meeting-panel-toggle - the participants button was pressed; detail `{open}` (what it asks for)
 * @csspart button - every button
 * @csspart leave - the leave button
 */
@customElement('meeting-toolbar')
@localized()
export class MeetingToolbar extends MeetingElement {
  static override styles = [tokens, styles];

  /** Whether the participants panel is open (set by `<meeting-room>`). */
  @property({ type: Boolean, attribute: 'panel-open' }) panelOpen = false;

  override render() {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    const allowed = this.snapshot?.allowed ?? { mic: true, camera: true, screen: true };
    const canPublish = this.snapshot?.me?.role !== 'audience';
    const locked = msg('turned off by the host', { id: 'toolbar.locked' });
    const waiting = this.snapshot?.waitingQueue.length ?? 0;
    return html`
      <div role="toolbar" aria-label=${msg('Meeting controls', { id: 'toolbar.label' })} style="display:contents">
        <button part="button" class="mic" aria-pressed=${String(!!me?.micOn)} data-allowed=${String(allowed.mic)} ?disabled=${!canPublish} @click=${this.onMic}>
          ${me?.micOn ? micIcon : micOffIcon}${msg('Microphone', { id: 'toolbar.mic' })}${allowed.mic ? '' : html`<span class="visually-hidden">, ${locked}</span>`}
        </button>
        <button part="button" class="camera" aria-pressed=${String(!!me?.cameraOn)} data-allowed=${String(allowed.camera)} ?disabled=${!canPublish} @click=${this.onCamera}>
          ${me?.cameraOn ? cameraIcon : cameraOffIcon}${msg('Camera', { id: 'toolbar.camera' })}${allowed.camera ? '' : html`<span class="visually-hidden">, ${locked}</span>`}
        </button>
        <button part="button" class="share" aria-pressed=${String(!!me?.screenOn)} data-allowed=${String(allowed.screen)} ?disabled=${!canPublish} @click=${this.onShare}>
          ${screenIcon}${me?.shareRequest === 'requested' ? msg('Asked to share', { id: 'toolbar.share-asked' }) : msg('Share screen', { id: 'toolbar.share' })}
        </button>
        <button part="button" class="hand" aria-pressed=${String(me?.handAt != null)} @click=${this.onHand}>
          ${handIcon}${msg('Raise hand', { id: 'toolbar.hand' })}
        </button>
        <button part="button" class="people" aria-pressed=${String(this.panelOpen)} @click=${this.onPanel}>
          ${peopleIcon}${msg('Participants', { id: 'toolbar.people' })}${waiting ? html` <span class="count" aria-label=${msg('people waiting', { id: 'toolbar.waiting' })}>${waiting}</span>` : ''}
        </button>
        <button part="button leave" class="leave" @click=${this.onLeave}>${leaveIcon}${msg('Leave', { id: 'toolbar.leave' })}</button>
      </div>
    `;
  }

  private onMic = () => void this.controller?.toggleMic();
  private onCamera = () => void this.controller?.toggleCamera();
  private onShare = () => void this.controller?.toggleScreenShare();
  private onLeave = () => void this.controller?.leave();
  private onHand = () => {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    void this.controller?.setHand(me?.handAt == null);
  };
  private onPanel = () => {
    this.dispatchEvent(new CustomEvent('meeting-panel-toggle', { detail: { open: !this.panelOpen }, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-toolbar': MeetingToolbar;
  }
  interface HTMLElementEventMap {
    'meeting-panel-toggle': CustomEvent<{ open: boolean }>;
  }
}
