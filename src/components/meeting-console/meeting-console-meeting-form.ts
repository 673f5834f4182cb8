import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { MeetingDto } from '../../protocol/meeting.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { panelStyles } from './console.styles.js';
import { inviteesText, meetingBody, toLocalInput, topicsText } from './meeting-form-body.js';

// Not imported from protocol/meeting.ts (zod would come with it); typed against it.
const DEFINITIONS = ['1080p', '720p', '480p', '240p'] as const satisfies ReadonlyArray<MeetingDto['definition']>;

/**
 * Creates or edits a meeting with every field a person sets (SPEC M1): kind, subject, times,
 * password, media type, definition, capacity, public, waiting room, host cap, audio and video
 * controls, invitees and agenda. It only collects: the panel sends the body.
 *
 * @fires meeting-save - `detail`: `{ body, meeting? }` (meeting: the one being edited)
 * @fires meeting-cancel-edit - the person closed the form without saving
 * @csspart form - the form
 */
@localized()
export class MeetingConsoleMeetingForm extends LitElement {
  static override styles = [tokens, panelStyles];

  /** The meeting to edit; none: a new one. */
  @property({ attribute: false }) meeting?: MeetingDto;
  @state() private type = 1;
  @query('form') private form!: HTMLFormElement;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('meeting')) this.type = this.meeting?.type ?? 1;
  }

  override render() {
    const m = this.meeting;
    const editing = !!m;
    const audio = m?.settings.controls?.find((c) => c.type === 'audio');
    const video = m?.settings.controls?.find((c) => c.type === 'video');
    const maxHosts = m?.settings.scene?.roleTypes.find((r) => r.roleType === 2)?.maxCount;
    const showTimes = this.type === 3 || (editing && m.type === 3);
    const hourFromNow = Date.now() + 3_600_000;
    return html`<form part="form" class="grid" @submit=${this.onSubmit} aria-labelledby="form-title">
      <h3 id="form-title" class="wide">${editing ? msg('Edit meeting', { id: 'console.form.edit-title' }) : msg('New meeting', { id: 'console.form.new-title' })}</h3>
      ${editing
        ? nothing
        : html`<label
            >${msg('Kind', { id: 'console.form.kind' })}
            <select name="type" @change=${(e: Event) => (this.type = Number((e.target as HTMLSelectElement).value))}>
              <option value="1">${msg('Instant (new code)', { id: 'console.form.kind-instant' })}</option>
              <option value="2">${msg('Personal (my fixed number)', { id: 'console.form.kind-personal' })}</option>
              <option value="3">${msg('Scheduled', { id: 'console.form.kind-scheduled' })}</option>
            </select></label
          >`}
      <label>${msg('Subject', { id: 'console.form.subject' })}<input name="subject" required maxlength="30" .value=${m?.subject ?? ''} /></label>
      ${showTimes
        ? html`<label>${msg('Starts', { id: 'console.form.start' })}<input name="startTime" type="datetime-local" required .value=${toLocalInput(m?.startTime ?? hourFromNow)} /></label>
            <label>${msg('Ends', { id: 'console.form.end' })}<input name="endTime" type="datetime-local" required .value=${toLocalInput(m && m.endTime > 0 ? m.endTime : hourFromNow + 3_600_000)} /></label>`
        : nothing}
      <label>${msg('Password (letters, digits)', { id: 'console.form.password' })}<input name="password" pattern="[0-9A-Za-z]{0,16}" maxlength="16" autocomplete="off" .value=${m?.password ?? ''} /></label>
      ${editing ? nothing : html`<label class="check"><input type="checkbox" name="generatePassword" />${msg('Let the server choose a password', { id: 'console.form.generate' })}</label>`}
      <label
        >${msg('Type', { id: 'console.form.media' })}
        <select name="meetingType">
          <option value="1" ?selected=${m?.meetingType === 1}>${msg('Audio', { id: 'console.form.media-audio' })}</option>
          <option value="2" ?selected=${(m?.meetingType ?? 2) === 2}>${msg('Video', { id: 'console.form.media-video' })}</option>
          <option value="3" ?selected=${m?.meetingType === 3}>${msg('Training', { id: 'console.form.media-training' })}</option>
        </select></label
      >
      <label
        >${msg('Video quality', { id: 'console.form.definition' })}
        <select name="definition">
          ${DEFINITIONS.map((d) => html`<option value=${d} ?selected=${d === (m?.definition ?? '480p')}>${d}</option>`)}
        </select></label
      >
      <label>${msg('Capacity', { id: 'console.form.capacity' })}<input name="numberLimit" type="number" min="2" max="1000" .value=${String(m?.numberLimit ?? 200)} /></label>
      <label>${msg('Most hosts at once (empty: no limit)', { id: 'console.form.max-hosts' })}<input name="maxHosts" type="number" min="0" max="10000" .value=${maxHosts === undefined ? '' : String(maxHosts)} /></label>
      <label class="check"><input type="checkbox" name="isPublic" ?checked=${m?.isPublic ?? true} />${msg('Public: anyone with the link', { id: 'console.form.public' })}</label>
      <label class="check"><input type="checkbox" name="waitingRoom" ?checked=${m?.waitingRoom ?? false} />${msg('Waiting room', { id: 'console.form.waiting' })}</label>
      ${this.controlFields('audio', msg('Microphones of attendees', { id: 'console.form.audio' }), audio)}
      ${this.controlFields('video', msg('Cameras of attendees', { id: 'console.form.video' }), video)}
      <label class="wide"
        >${msg('Invitees: one account id a line, then host, attendee or audience', { id: 'console.form.invitees' })}<textarea name="invitees" .value=${inviteesText(m)}></textarea
      ></label>
      <label class="wide">${msg('Agenda: one topic a line, "title: details"', { id: 'console.form.topics' })}<textarea name="topics" .value=${topicsText(m)}></textarea></label>
      <div class="wide">
        <button type="submit" class="primary">${editing ? msg('Save', { id: 'console.form.save' }) : msg('Create meeting', { id: 'console.form.create' })}</button>
        ${editing ? html`<button type="button" @click=${this.onClose}>${msg('Close', { id: 'console.form.close' })}</button>` : nothing}
      </div>
    </form>`;
  }

  private controlFields(kind: 'audio' | 'video', legend: string, current?: { attendeeOff: number; allowSelfOn: boolean }) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <label
        >${msg('On joining', { id: 'console.form.on-join' })}
        <select name="${kind}Off">
          <option value="0" ?selected=${(current?.attendeeOff ?? 0) === 0}>${msg('As they choose', { id: 'console.form.off-none' })}</option>
          <option value="1" ?selected=${current?.attendeeOff === 1}>${msg('Off', { id: 'console.form.off-join' })}</option>
          <option value="2" ?selected=${current?.attendeeOff === 2}>${msg('Off, and they may not turn it on', { id: 'console.form.off-locked' })}</option>
        </select></label
      >
      <label class="check"><input type="checkbox" name="${kind}SelfOn" ?checked=${current?.allowSelfOn ?? true} />${msg('May turn it on themselves', { id: 'console.form.self-on' })}</label>
    </fieldset>`;
  }

  private onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const body = meetingBody(new FormData(this.form), !!this.meeting);
    this.dispatchEvent(new CustomEvent('meeting-save', { detail: { body, meeting: this.meeting }, bubbles: true, composed: true }));
  };

  private onClose = () => this.dispatchEvent(new CustomEvent('meeting-cancel-edit', { bubbles: true, composed: true }));

  /** Empties the form after a meeting was created. */
  reset(): void {
    this.form?.reset();
    this.type = 1;
  }
}

export interface MeetingSaveDetail {
  body: Record<string, unknown>;
  meeting?: MeetingDto;
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-meeting-form': MeetingConsoleMeetingForm;
  }
  interface HTMLElementEventMap {
    'meeting-save': CustomEvent<MeetingSaveDetail>;
    'meeting-cancel-edit': CustomEvent<void>;
  }
}
