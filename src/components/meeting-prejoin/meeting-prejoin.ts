import { localized, msg, withStrings } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PreviewTrack } from '../../client/preview-track.js';
import type { DeviceProblem } from '../../client/snapshot.js';
import { deviceAdviceText, deviceProblemText, roleText } from '../i18n/texts.js';
import '../meeting-device-settings/meeting-device-settings.js';
import '../meeting-mic-level/meeting-mic-level.js';
import { DISPLAY_NAME_PATTERN } from '../../protocol/limits.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-prejoin.styles.js';

/**
 * The screen before joining: camera preview, microphone and camera on/off, the device choices and a
 * microphone level meter, name, and the role the person will have. The token and the devices are
 * ready before the Join click. Listen-only joins turn no device on.
 *
 * @csspart card - the panel
 * @csspart preview - the camera preview
 * @csspart devices - the device choices
 * @csspart join - the Join button
 * @csspart mic-level - the microphone meter's bar
 * @csspart device-select - each device list; device-flip - the flip-camera button
 */
@localized()
export class MeetingPrejoin extends MeetingElement {
  static override styles = [tokens, styles];

  /** The name to offer when the link gives none. */
  @property({ attribute: 'display-name' }) displayName = '';

  @state() private name?: string;
  /** The name shown (typed, or offered by the link or the page) has characters the server refuses (2003): told here, before any request. */
  private nameRefused = false;
  @query('video') private videoEl?: HTMLVideoElement;
  private attached?: PreviewTrack;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.attached && this.videoEl) this.attached.detach(this.videoEl);
    this.attached = undefined;
  }

  protected override updated(): void {
    // The browser's own bubble at Join says it too, in the room's language.
    const invalid = this.nameRefused ? withStrings(this, () => msg('This name has characters that are not allowed.', { id: 'prejoin.name-invalid-short' })) : '';
    this.renderRoot.querySelector<HTMLInputElement>('input[name=name]')?.setCustomValidity(invalid);
    const track = this.snapshot?.preview.cameraOn ? this.snapshot.preview.videoTrack : undefined;
    if (track !== this.attached) {
      if (this.attached && this.videoEl) this.attached.detach(this.videoEl);
      this.attached = track;
      if (track && this.videoEl) track.attach(this.videoEl);
    }
    // While joining, the preview holds its last frame: drawing the camera at 720p meanwhile costs the
    // page the CPU its join needs (issue 12 part 9 (d)). It plays again if the join falls back here.
    const video = this.videoEl;
    if (!video || !track) return;
    if (this.snapshot?.phase === 'connecting') video.pause();
    else if (video.paused) void video.play().catch(() => undefined);
  }

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const { preview, me, meeting } = s;
    const joining = s.phase === 'connecting';
    const name = this.name ?? (me?.name || this.displayName);
    this.nameRefused = refusedName(name);
    return html`
      <form class="card" part="card" @submit=${this.onSubmit} @focusin=${this.getReady} @pointerover=${this.getReady}>
        <h1>${msg('Ready to join?', { id: 'prejoin.title' })}</h1>
        ${meeting?.subject ? html`<p class="subject">${meeting.subject}</p>` : nothing}
        <div class="preview" part="preview" role="img" aria-label=${msg('Camera preview', { id: 'prejoin.preview' })}>
          ${preview.cameraOn && preview.videoTrack
            ? html`<video autoplay playsinline muted></video>`
            : preview.opening && preview.cameraOn
              ? html`<span>${msg('Starting camera…', { id: 'prejoin.camera-starting' })}</span>`
              : html`<span>${msg('Camera is off', { id: 'prejoin.camera-off' })}</span>`}
        </div>
        ${preview.videoProblem ? this.renderProblem('camera', msg('Camera: ', { id: 'device.camera' }), preview.videoProblem) : nothing}
        ${preview.audioProblem ? this.renderProblem('mic', msg('Microphone: ', { id: 'device.mic' }), preview.audioProblem) : nothing}
        ${me?.listenOnly
          ? html`<p class="notice" role="status" data-notice="listen-only">
              ${msg('You join listen-only: choose "Join with audio" in the meeting to speak.', { id: 'prejoin.listen-only' })}
            </p>`
          : this.renderDevices()}
        <label
          >${msg('Your name', { id: 'prejoin.name' })}
          <input
            type="text"
            name="name"
            required
            maxlength="32"
            autocomplete="name"
            aria-invalid=${this.nameRefused ? 'true' : 'false'}
            aria-describedby=${this.nameRefused ? 'name-problem' : nothing}
            .value=${name ?? ''}
            @input=${this.onName}
        /></label>
        ${this.nameRefused
          ? html`<p class="problem" id="name-problem" role="alert" data-problem="name">
              ${msg('This name cannot be used: it has characters that are not allowed (such as < or >, or invisible control characters).', { id: 'prejoin.name-invalid' })}
            </p>`
          : nothing}
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

  private renderDevices() {
    const preview = this.snapshot!.preview;
    return html`<div class="toggles">
        <label class="check"
          ><input type="checkbox" name="mic" .checked=${preview.micOn} @change=${this.onMic} />${msg('Microphone', { id: 'toolbar.mic' })}</label
        >
        <label class="check"
          ><input type="checkbox" name="camera" .checked=${preview.cameraOn} @change=${this.onCamera} />${msg('Camera', { id: 'toolbar.camera' })}</label
        >
      </div>
      <meeting-mic-level exportparts="bar: mic-level"></meeting-mic-level>
      <meeting-device-settings part="devices" exportparts="select: device-select, flip: device-flip"></meeting-device-settings>`;
  }

  private renderProblem(kind: 'camera' | 'mic', label: string, problem: DeviceProblem) {
    return html`<div class="trouble" data-device=${kind}>
      <p class="problem" role="alert">${label}${deviceProblemText(problem)}</p>
      <p class="advice">${deviceAdviceText(problem)}</p>
      <button type="button" class="retry" @click=${kind === 'camera' ? () => this.controller?.setPreviewCamera(true) : () => this.controller?.setPreviewMic(true)}>
        ${msg('Try again', { id: 'device.retry' })}
      </button>
    </div>`;
  }

  private onName = (e: Event) => {
    this.name = (e.target as HTMLInputElement).value;
    if (!refusedName(this.name)) this.controller?.typingName(this.name);
  };
  /** Towards Join: the meeting's code loads and the connection warms before the click. */
  private getReady = () => void this.controller?.getReady();
  private onMic = (e: Event) => void this.controller?.setPreviewMic((e.target as HTMLInputElement).checked);
  private onCamera = (e: Event) => void this.controller?.setPreviewCamera((e.target as HTMLInputElement).checked);
  private onSubmit = (e: Event) => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name=name]');
    if (input && !input.reportValidity()) return;
    void this.controller?.join(input?.value);
  };
}

const refusedName = (name: string | undefined): boolean => !!name?.trim() && !DISPLAY_NAME_PATTERN.test(name.trim());

declare global {
  interface HTMLElementTagNameMap {
    'meeting-prejoin': MeetingPrejoin;
  }
}
