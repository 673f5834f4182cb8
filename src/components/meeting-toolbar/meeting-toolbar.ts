import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { MeetingController } from '../../client/meeting-controller.js';
import type { MeetingSnapshot } from '../../client/snapshot.js';
import { controllerContext, snapshotContext } from '../context.js';
import { cameraIcon, cameraOffIcon, leaveIcon, micIcon, micOffIcon, screenIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-toolbar.styles.js';

/**
 * The person's own controls: microphone, camera, screen share, leave. Toggles are buttons with
 * `aria-pressed`, reachable by keyboard.
 *
 * @csspart button - every button
 * @csspart leave - the leave button
 */
@customElement('meeting-toolbar')
@localized()
export class MeetingToolbar extends LitElement {
  static override styles = [tokens, styles];

  @consume({ context: controllerContext })
  controller?: MeetingController;

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  snapshot?: MeetingSnapshot;

  override render() {
    const me = this.snapshot?.participants.find((p) => p.isLocal);
    const canPublish = this.snapshot?.me?.role !== 'audience';
    return html`
      <div role="toolbar" aria-label=${msg('Meeting controls', { id: 'toolbar.label' })} style="display:contents">
        <button part="button" class="mic" aria-pressed=${String(!!me?.micOn)} ?disabled=${!canPublish} @click=${this.onMic}>
          ${me?.micOn ? micIcon : micOffIcon}${msg('Microphone', { id: 'toolbar.mic' })}
        </button>
        <button part="button" class="camera" aria-pressed=${String(!!me?.cameraOn)} ?disabled=${!canPublish} @click=${this.onCamera}>
          ${me?.cameraOn ? cameraIcon : cameraOffIcon}${msg('Camera', { id: 'toolbar.camera' })}
        </button>
        <button part="button" class="share" aria-pressed=${String(!!me?.screenOn)} ?disabled=${!canPublish} @click=${this.onShare}>
          ${screenIcon}${msg('Share screen', { id: 'toolbar.share' })}
        </button>
        <button part="button leave" class="leave" @click=${this.onLeave}>${leaveIcon}${msg('Leave', { id: 'toolbar.leave' })}</button>
      </div>
    `;
  }

  private onMic = () => void this.controller?.toggleMic();
  private onCamera = () => void this.controller?.toggleCamera();
  private onShare = () => void this.controller?.toggleScreenShare();
  private onLeave = () => void this.controller?.leave();
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-toolbar': MeetingToolbar;
  }
}
