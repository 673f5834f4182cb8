import { localized, msg } from '../i18n/localize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { recordedMs } from '../../client/local-recording.js';
import { MeetingElement } from '../meeting-element.js';
import { recordIcon } from '../styles/icons.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-recorder.styles.js';

/** `mm:ss`, and `h:mm:ss` from an hour on. */
export function recordingClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const mmss = `${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * Local recording (SPEC R9): Record (the server must allow it; everyone then sees "Recording"),
 * then a running mm:ss timer, Pause/Resume and Stop; after a stop, "Save recording" downloads the
 * WebM file. Outside the meeting only the Save button shows, while there is something to save.
 *
 * @csspart button - every button
 * @csspart timer - the recording time
 */
@localized()
export class MeetingRecorder extends MeetingElement {
  static override styles = [tokens, styles];

  @state() private now = Date.now();
  private timer?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopClock();
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const running = this.snapshot?.recording.state === 'recording';
    if (running && this.isConnected) this.timer ??= setInterval(() => (this.now = Date.now()), 1000);
    else this.stopClock();
  }

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const r = s.recording;
    const inMeeting = s.phase === 'connected' || s.phase === 'reconnecting';
    const active = r.state === 'recording' || r.state === 'paused';
    const save = r.ready && !active ? html`<button part="button" class="save" @click=${this.onSave}>${msg('Save recording', { id: 'recorder.save' })}</button>` : nothing;
    if (!inMeeting) return save;
    if (!active) {
      const allowed = s.policy.localRecording;
      return html`<button part="button" class="record" data-allowed=${String(allowed)} ?disabled=${r.state === 'starting'} aria-busy=${r.state === 'starting' ? 'true' : 'false'} @click=${this.onRecord}>
          ${recordIcon}<span class="label">${msg('Record', { id: 'recorder.record' })}</span>${allowed ? '' : html`<span class="visually-hidden">, ${msg('turned off by the host', { id: 'toolbar.locked' })}</span>`}
        </button>
        ${save}${this.status()}`;
    }
    const paused = r.state === 'paused';
    return html`<span part="timer" class="timer" role="timer" data-state=${r.state} aria-label=${msg('Recording time', { id: 'recorder.time' })}>${recordIcon}<span class="clock">${recordingClock(recordedMs(r, this.now))}</span></span>
      <button part="button" class="pause" aria-pressed=${String(paused)} @click=${this.onPause}>${msg('Pause recording', { id: 'recorder.pause' })}</button>
      <button part="button" class="stop" @click=${this.onStop}>${msg('Stop recording', { id: 'recorder.stop' })}</button>
      ${this.status()}`;
  }

  /** Says each change of the recorder to screen readers. */
  private status() {
    const r = this.snapshot!.recording;
    const text =
      r.state === 'recording'
        ? msg('Recording started', { id: 'recorder.started' })
        : r.state === 'paused'
          ? msg('Recording paused', { id: 'recorder.paused' })
          : r.ready
            ? msg('Recording stopped: you can save it', { id: 'recorder.stopped' })
            : '';
    return html`<span class="visually-hidden" role="status">${text}</span>`;
  }

  private stopClock(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private onRecord = () => void this.controller?.startRecording().catch(() => undefined);
  private onPause = () => (this.snapshot?.recording.state === 'paused' ? this.controller?.resumeRecording() : this.controller?.pauseRecording());
  private onStop = () => void this.controller?.stopRecording().catch(() => undefined);
  private onSave = () => void this.controller?.saveRecording();
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-recorder': MeetingRecorder;
  }
}
