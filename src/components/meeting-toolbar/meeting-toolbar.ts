import { localized, msg, str } from '../i18n/localize.js';
import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import '../meeting-device-settings/meeting-device-settings.js';
import '../meeting-reactions/meeting-reactions.js';
import '../meeting-recorder/meeting-recorder.js';
import { cameraIcon, cameraOffIcon, chatIcon, handIcon, leaveIcon, micIcon, micOffIcon, peopleIcon, screenIcon, settingsIcon } from '../styles/icons.js';
import { hiddenFeatures, type Feature } from '../features.js';
import { MeetingElement } from '../meeting-element.js';
import { SHORTCUTS, withKeys } from '../shortcuts.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-toolbar.styles.js';

/**
 * The person's own controls: microphone, camera, screen share, hand, reactions, local recording
 * (`<meeting-recorder>`), the participants panel, the chat, the device settings (a dialog), leave; a listen-only joiner has "Join with audio" instead of
 * devices. Toggles are buttons with `aria-pressed`, reachable by keyboard; their shortcuts
 * (`<meeting-room>` runs them) show in the tooltips and in `aria-keyshortcuts`. What the host turned
 * off shows as such (the button says why when pressed).
 *
 * `hide="mic camera share hand reactions record roster chat settings leave"` leaves those buttons out.
 *
 * @fires meeting-panel-toggle - the participants or chat button was pressed; detail `{open, tab}` (what it asks for)
 * @slot extra - more buttons, before Leave
 * @csspart button - every button
 * @csspart record-timer - the local recording's timer
 * @csspart leave - the leave button
 * @csspart settings - the device settings dialog
 * @csspart device-select - each device list in the dialog; device-flip - its flip-camera button
 */
@localized()
export class MeetingToolbar extends MeetingElement {
  static override styles = [tokens, styles];

  /** Whether the participants panel is open (set by `<meeting-room>`). */
  @property({ type: Boolean, attribute: 'panel-open' }) panelOpen = false;
  /** Whether the chat is open (set by `<meeting-room>`). */
  @property({ type: Boolean, attribute: 'chat-open' }) chatOpen = false;
  /** Buttons left out, space-separated (set by `<meeting-room>` from its own `hide`). */
  @property() hide = '';
  @query('dialog') private settings!: HTMLDialogElement;

  override render() {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    const canPublish = this.snapshot?.me?.role !== 'audience';
    const waiting = this.snapshot?.waitingQueue.length ?? 0;
    const unread = this.snapshot?.chat.unread ?? 0;
    return html`
      <div role="toolbar" aria-label=${msg('Meeting controls', { id: 'toolbar.label' })} style="display:contents">
        ${this.snapshot?.me?.listenOnly && canPublish ? this.renderListenOnly() : this.renderDevices(canPublish)}
        ${this.shows('hand') ? html`<button part="button" class="hand" title=${withKeys(msg('Raise hand', { id: 'toolbar.hand' }), 'hand')} aria-keyshortcuts=${SHORTCUTS.hand.keys} aria-pressed=${String(me?.handAt != null)} @click=${this.onHand}>
          ${handIcon}<span class="label">${msg('Raise hand', { id: 'toolbar.hand' })}</span>
        </button>` : ''}
        ${this.shows('reactions') ? html`<meeting-reactions exportparts="button"></meeting-reactions>` : ''}
        ${this.shows('record') ? html`<meeting-recorder exportparts="button, timer: record-timer"></meeting-recorder>` : ''}
        ${this.shows('roster') ? html`<button part="button" class="people" title=${withKeys(msg('Participants', { id: 'toolbar.people' }), 'panel')} aria-keyshortcuts=${SHORTCUTS.panel.keys} aria-pressed=${String(this.panelOpen)} @click=${this.onPanel}>
          ${peopleIcon}<span class="label">${msg('Participants', { id: 'toolbar.people' })}</span>${waiting ? html` <span class="count" aria-hidden="true">${waiting}</span><span class="visually-hidden">, ${msg(str`${waiting} waiting`, { id: 'toolbar.waiting-count' })}</span>` : ''}
        </button>` : ''}
        ${this.shows('chat') ? html`<button part="button" class="chat" aria-pressed=${String(this.chatOpen)} @click=${this.onChat}>
          ${chatIcon}<span class="label">${msg('Chat', { id: 'toolbar.chat' })}</span>${unread ? html` <span class="count" aria-hidden="true">${unread}</span><span class="visually-hidden">, ${msg(str`${unread} unread`, { id: 'toolbar.unread-count' })}</span>` : ''}
        </button>` : ''}
        ${this.shows('settings') ? html`<button part="button" class="settings" aria-haspopup="dialog" @click=${this.onSettings}>${settingsIcon}<span class="label">${msg('Devices', { id: 'devices.title' })}</span></button>` : ''}
        <slot name="extra"></slot>
        ${this.shows('leave') ? html`<button part="button leave" class="leave" title=${withKeys(msg('Leave', { id: 'toolbar.leave' }), 'leave')} aria-keyshortcuts=${SHORTCUTS.leave.keys} @click=${this.onLeave}>${leaveIcon}<span class="label">${msg('Leave', { id: 'toolbar.leave' })}</span></button>` : ''}
      </div>
      <dialog part="settings" aria-labelledby="settings-title">
        <h2 id="settings-title">${msg('Devices', { id: 'devices.title' })}</h2>
        <meeting-device-settings exportparts="select: device-select, flip: device-flip"></meeting-device-settings>
        <form method="dialog"><button class="close">${msg('Close', { id: 'dialog.close' })}</button></form>
      </dialog>
    `;
  }

  private renderDevices(canPublish: boolean) {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    const allowed = this.snapshot?.allowed ?? { mic: true, camera: true, screen: true };
    const audioOnly = !!this.snapshot?.devices.audioOnly;
    const locked = msg('turned off by the host', { id: 'toolbar.locked' });
    return html`${this.shows('mic') ? html`<button part="button" class="mic" title=${withKeys(msg('Microphone', { id: 'toolbar.mic' }), 'mic')} aria-keyshortcuts=${SHORTCUTS.mic.keys} aria-pressed=${String(!!me?.micOn)} data-allowed=${String(allowed.mic)} ?disabled=${!canPublish} @click=${this.onMic}>
        ${me?.micOn ? micIcon : micOffIcon}<span class="label">${msg('Microphone', { id: 'toolbar.mic' })}</span>${allowed.mic ? '' : html`<span class="visually-hidden">, ${locked}</span>`}
      </button>` : ''}
      ${this.shows('camera') ? html`<button part="button" class="camera" title=${withKeys(msg('Camera', { id: 'toolbar.camera' }), 'camera')} aria-keyshortcuts=${SHORTCUTS.camera.keys} aria-pressed=${String(!!me?.cameraOn)} data-allowed=${String(allowed.camera)} ?disabled=${!canPublish || audioOnly} @click=${this.onCamera}>
        ${me?.cameraOn ? cameraIcon : cameraOffIcon}<span class="label">${msg('Camera', { id: 'toolbar.camera' })}</span>${allowed.camera ? '' : html`<span class="visually-hidden">, ${locked}</span>`}
      </button>` : ''}
      ${this.shows('share') ? html`<button part="button" class="share" aria-pressed=${String(!!me?.screenOn)} data-allowed=${String(allowed.screen)} ?disabled=${!canPublish} @click=${this.onShare}>
        ${screenIcon}<span class="label">${me?.shareRequest === 'requested' ? msg('Asked to share', { id: 'toolbar.share-asked' }) : msg('Share screen', { id: 'toolbar.share' })}</span>
      </button>` : ''}`;
  }

  /** Listen only: the devices are reached through the server alone (SPEC J4). */
  private renderListenOnly() {
    return html`<button part="button" class="join-audio" @click=${this.onJoinAudio}>${micIcon}<span class="label">${msg('Join with audio', { id: 'toolbar.join-audio' })}</span></button>`;
  }

  private shows(feature: Feature): boolean {
    return !hiddenFeatures(this.hide).has(feature);
  }

  private onMic = () => void this.controller?.toggleMic();
  private onCamera = () => void this.controller?.toggleCamera();
  private onShare = () => void this.controller?.toggleScreenShare();
  private onLeave = () => void this.controller?.leave();
  private onJoinAudio = () => void this.controller?.joinWithAudio();
  private onSettings = () => this.settings.showModal();
  private onHand = () => {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    void this.controller?.setHand(me?.handAt == null);
  };
  private onPanel = () => {
    this.dispatchEvent(new CustomEvent('meeting-panel-toggle', { detail: { open: !this.panelOpen, tab: 'people' }, bubbles: true, composed: true }));
  };
  private onChat = () => {
    this.dispatchEvent(new CustomEvent('meeting-panel-toggle', { detail: { open: !this.chatOpen, tab: 'chat' }, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-toolbar': MeetingToolbar;
  }
  interface HTMLElementEventMap {
    'meeting-panel-toggle': CustomEvent<{ open: boolean; tab: 'people' | 'chat' }>;
  }
}
