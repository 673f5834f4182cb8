import { localized, msg } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import type { DeviceKind, DeviceOption } from '../../client/snapshot.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-device-settings.styles.js';

/**
 * The device choices (SPEC J3, R2): camera, microphone and speaker, the camera flip where there are
 * two cameras, and audio-only mode. On the pre-join screen it changes the preview, in the meeting
 * the devices in use; the choice is remembered by this browser.
 *
 * @csspart select - each device list
 * @csspart flip - the flip-camera button
 */
@localized()
export class MeetingDeviceSettings extends MeetingElement {
  static override styles = [tokens, styles];

  override render() {
    const devices = this.snapshot?.devices;
    if (!devices) return nothing;
    const listenOnly = !!this.snapshot?.me?.listenOnly;
    return html`
      ${this.renderSelect('camera', msg('Camera', { id: 'toolbar.camera' }), devices.cameras, devices.chosen.camera, listenOnly || devices.audioOnly)}
      ${this.renderSelect('mic', msg('Microphone', { id: 'toolbar.mic' }), devices.mics, devices.chosen.mic, listenOnly)}
      ${this.renderSelect('speaker', msg('Speaker', { id: 'devices.speaker' }), devices.speakers, devices.chosen.speaker, false)}
      <div class="row">
        ${devices.cameras.length >= 2
          ? html`<button type="button" part="flip" class="flip" ?disabled=${devices.audioOnly || listenOnly} @click=${this.onFlip}>
              ${msg('Flip camera', { id: 'devices.flip' })}
            </button>`
          : nothing}
        <label class="check"
          ><input type="checkbox" name="audio-only" .checked=${devices.audioOnly} @change=${this.onAudioOnly} />${msg('Audio only (no video sent or received)', {
            id: 'devices.audio-only',
          })}</label
        >
      </div>
    `;
  }

  private renderSelect(kind: DeviceKind, label: string, options: readonly DeviceOption[], chosen: string, disabled: boolean) {
    if (options.length === 0) return nothing;
    const selected = options.some((o) => o.deviceId === chosen) ? chosen : options[0]!.deviceId;
    return html`<label
      >${label}
      <select part="select" name=${kind} ?disabled=${disabled} @change=${(e: Event) => void this.controller?.chooseDevice(kind, (e.target as HTMLSelectElement).value)}>
        ${options.map((o) => html`<option value=${o.deviceId} ?selected=${o.deviceId === selected}>${o.label}</option>`)}
      </select></label
    >`;
  }

  private onFlip = () => void this.controller?.flipCamera();
  private onAudioOnly = (e: Event) => void this.controller?.setAudioOnly((e.target as HTMLInputElement).checked);
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-device-settings': MeetingDeviceSettings;
  }
}
