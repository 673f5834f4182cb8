import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Track } from 'livekit-client';
import { deviceProblemText, roleText } from '../i18n/texts.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-prejoin.styles.js';

/**
 * The screen before joining: camera preview, microphone and camera on/off, name, and the role the
 * person will have. The token and the devices are ready before the Join click.
 *
 * @csspart card - the panel
 * @csspart preview - the camera preview
 * @csspart join - the Join button
 */
@customElement('meeting-prejoin')
@localized()
export class MeetingPrejoin extends MeetingElement {
  static override styles = [tokens, styles];

  /** The name to offer when the link gives none. */
  @property({ attribute: 'display-name' }) displayName = '';

  @state() private name?: string;
  @query('video') private videoEl?: HTMLVideoElement;
  private attached?: Track;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.attached && this.videoEl) this.attached.detach(this.videoEl);
    this.attached = undefined;
  }

  protected override updated(): void {
    const track = this.snapshot?.preview.cameraOn ? this.snapshot.preview.videoTrack : undefined;
    if (track === this.attached) return;
    if (this.attached && this.videoEl) this.attached.detach(this.videoEl);
    this.attached = track;
    if (track && this.videoEl) track.attach(this.videoEl);
  }

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const { preview, me, meeting } = s;
    const joining = s.phase === 'connecting';
    const name = this.name ?? (me?.name || this.displayName);
    return html`
      <form class="card" part="card" @submit=${this.onSubmit}>
        <h1>${msg('Ready to join?', { id: 'prejoin.title' })}</h1>
        ${meeting?.subject ? html`<p class="subject">${meeting.subject}</p>` : nothing}
        <div class="preview" part="preview" role="img" aria-label=${msg('Camera preview', { id: 'prejoin.preview' })}>
          ${preview.cameraOn && preview.videoTrack
            ? html`<video autoplay playsinline muted></video>`
            : preview.opening && preview.cameraOn
              ? html`<span>${msg('Starting camera…', { id: 'prejoin.camera-starting' })}</span>`
              : html`<span>${msg('Camera is off', { id: 'prejoin.camera-off' })}</span>`}
        </div>
        ${preview.videoProblem
          ? html`<p class="problem" role="alert">${msg('Camera: ', { id: 'device.camera' })}${deviceProblemText(preview.videoProblem)}</p>`
          : nothing}
        ${preview.audioProblem
          ? html`<p class="problem" role="alert">${msg('Microphone: ', { id: 'device.mic' })}${deviceProblemText(preview.audioProblem)}</p>`
          : nothing}
        <div class="toggles">
          <label class="check"
            ><input type="checkbox" name="mic" .checked=${preview.micOn} @change=${this.onMic} />${msg('Microphone', { id: 'toolbar.mic' })}</label
          >
          <label class="check"
            ><input type="checkbox" name="camera" .checked=${preview.cameraOn} @change=${this.onCamera} />${msg('Camera', {
              id: 'toolbar.camera',
            })}</label
          >
        </div>
        <label
          >${msg('Your name', { id: 'prejoin.name' })}
          <input type="text" name="name" required maxlength="32" autocomplete="name" .value=${name ?? ''} @input=${this.onName}
        /></label>
        ${me
          ? html`<p class="role" data-role=${me.role}>${msg('You join as: ', { id: 'role.you-are' })}<strong>${roleText(me.role)}</strong></p>`
          : nothing}
        ${me?.roleDowngraded
          ? html`<p class="notice" role="status" data-notice="role-downgraded">
              ${msg('This link does not prove the host role: you join as attendee.', { id: 'role.downgraded' })}
            </p>`
          : nothing}
        <button class="join" part="join" type="submit" ?disabled=${joining || !me}>
          ${joining ? msg('Joining…', { id: 'prejoin.joining' }) : msg('Join meeting', { id: 'prejoin.join' })}
        </button>
      </form>
    `;
  }

  private onName = (e: Event) => {
    this.name = (e.target as HTMLInputElement).value;
  };
  private onMic = (e: Event) => void this.controller?.setPreviewMic((e.target as HTMLInputElement).checked);
  private onCamera = (e: Event) => void this.controller?.setPreviewCamera((e.target as HTMLInputElement).checked);
  private onSubmit = (e: Event) => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name=name]');
    if (input && !input.reportValidity()) return;
    void this.controller?.join(input?.value);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-prejoin': MeetingPrejoin;
  }
}
