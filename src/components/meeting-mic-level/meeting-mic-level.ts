import { localized, msg } from '../i18n/localize.js';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { watchMicLevel } from '../../client/mic-level.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';

/**
 * The live level of the pre-join microphone, so that the person sees it hears them.
 *
 * @csspart bar - the filled part of the meter
 */
@localized()
export class MeetingMicLevel extends MeetingElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      .meter {
        height: 0.5rem;
        border-radius: 999px;
        background: var(--_bg);
        overflow: hidden;
      }
      .bar {
        height: 100%;
        background: var(--_accent);
        transition: width 100ms linear;
      }
    `,
  ];

  @state() private level = 0;
  /** The capture listened to: a device switch restarts the track with a new one. */
  private watched?: MediaStreamTrack;
  private stop?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch(undefined);
  }

  protected override willUpdate(): void {
    const preview = this.snapshot?.preview;
    this.watch(preview?.micOn ? preview.audioTrack?.mediaStreamTrack : undefined);
  }

  override render() {
    if (!this.watched) return nothing;
    const percent = Math.round(this.level * 100);
    return html`<div
      class="meter"
      role="meter"
      aria-label=${msg('Microphone level', { id: 'devices.mic-level' })}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      data-level=${percent}
    >
      <div class="bar" part="bar" style="width:${percent}%"></div>
    </div>`;
  }

  private watch(track: MediaStreamTrack | undefined): void {
    if (track === this.watched) return;
    this.stop?.();
    this.stop = undefined;
    this.watched = track;
    this.level = 0;
    if (track) this.stop = watchMicLevel(track, (level) => (this.level = Math.round(level * 100) / 100));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-mic-level': MeetingMicLevel;
  }
}
