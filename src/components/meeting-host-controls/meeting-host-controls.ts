import { currentLocale, localized, msg, str, withStrings } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { ChatPolicy, SharePolicy } from '../../protocol/control.js';
import { Role, isModerator } from '../../protocol/roles.js';
import { SUBJECT_MAX } from '../../protocol/limits.js';
import { chatPolicyText, sharePolicyText } from '../i18n/control-texts.js';
import '../meeting-rename-dialog/meeting-rename-dialog.js';
import type { MeetingRenameDialog } from '../meeting-rename-dialog/meeting-rename-dialog.js';
import { panel } from '../styles/panel.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-host-controls.styles.js';

/**
 * Meeting-wide host actions (SPEC H2, H4, H5, H7, H8, H10, H11): mute all and cameras off (with
 * or without self-unmute), lock, waiting room, share and chat policy, the stage cap (H9), local recording, spotlight release,
 * extending a scheduled end (H11), end for all,
 * rename the meeting; "claim host" for a co-host when no host is present. Renders nothing for attendees.
 *
 * @csspart end - the "end for all" button
 * @csspart dialog - the rename dialog
 */
@localized()
export class MeetingHostControls extends MeetingElement {
  static override styles = [tokens, panel, styles];

  @state() private allowSelfOn = true;
  @state() private confirmEnd = false;
  @query('meeting-rename-dialog') private dialog!: MeetingRenameDialog;

  override render() {
    const s = this.snapshot;
    const host = this.controller?.host;
    if (!s || !host) return nothing;
    const role = s.me?.role ?? Role.ATTENDEE;
    const noHost = !s.participants.some((p) => p.role === Role.HOST);
    if (!isModerator(role)) return nothing;
    const p = s.policy;
    return html`
      <h2 id="host-title">${msg('Host controls', { id: 'host.title' })}</h2>
      <div role="group" aria-labelledby="host-title">
        ${noHost ? html`<div class="row"><button class="claim" @click=${() => host.claimHost()}>${msg('Claim host', { id: 'host.claim' })}</button></div>` : nothing}
        <label class="row"><input type="checkbox" .checked=${this.allowSelfOn} @change=${(e: Event) => (this.allowSelfOn = (e.target as HTMLInputElement).checked)} />
          ${msg('Let people turn themselves back on', { id: 'host.allow-self-on' })}</label>
        <div class="row">
          <button class="mute-all" @click=${() => host.muteAll(this.allowSelfOn)}>${msg('Mute all', { id: 'host.mute-all' })}</button>
          ${p.audio.off ? html`<button class="lift-mute" @click=${() => host.liftMuteAll()}>${msg('Allow microphones', { id: 'host.lift-mute' })}</button>` : nothing}
          <button class="ask-unmute-all" @click=${() => host.askUnmuteAll()}>${msg('Ask everyone to unmute', { id: 'host.ask-unmute-all' })}</button>
        </div>
        <div class="row">
          <button class="cameras-off" @click=${() => host.camerasOffAll(this.allowSelfOn)}>${msg('Cameras off for all', { id: 'host.cameras-off' })}</button>
          ${p.video.off ? html`<button @click=${() => host.liftCamerasOff()}>${msg('Allow cameras', { id: 'host.lift-cameras' })}</button>` : nothing}
        </div>
        <div class="row">
          <button class="lock" aria-pressed=${String(p.locked)} @click=${() => host.lock(!p.locked)}>${msg('Lock the meeting', { id: 'host.lock' })}</button>
          <button class="waiting-room" aria-pressed=${String(p.waitingRoom)} @click=${() => host.waitingRoom(!p.waitingRoom)}>${msg('Waiting room', { id: 'host.waiting-room' })}</button>
          ${role === Role.HOST ? html`<button class="rotate-host-key" @click=${() => host.rotateHostKey()}>${msg('Revoke host links', { id: 'host.rotate-host-key' })}</button>` : nothing}
        </div>
        <label class="row">${msg('Who may share the screen', { id: 'host.share-policy' })}
          <select class="share-policy" @change=${(e: Event) => host.sharePolicy((e.target as HTMLSelectElement).value as SharePolicy)}>
            ${(['everyone', 'hosts', 'ask'] as const).map((v) => html`<option value=${v} ?selected=${p.share === v}>${sharePolicyText(v)}</option>`)}
          </select>
        </label>
        <label class="row">${msg('Chat', { id: 'host.chat' })}
          <select class="chat-policy" @change=${(e: Event) => host.chatPolicy((e.target as HTMLSelectElement).value as ChatPolicy)}>
            ${(['everyone', 'hosts', 'off'] as const).map((v) => html`<option value=${v} ?selected=${p.chat === v}>${chatPolicyText(v)}</option>`)}
          </select>
        </label>
        <label class="row">${msg('Most people on stage at once (0: no limit)', { id: 'host.stage-cap' })}
          <input type="number" class="stage-cap" min="0" max="1000" step="1" inputmode="numeric" .value=${String(p.stageCap)} @change=${this.onStageCap} />
        </label>
        <div class="row">
          <button class="local-recording" aria-pressed=${String(p.localRecording)} @click=${() => host.localRecording(!p.localRecording)}>${msg('Allow local recording', { id: 'host.local-recording' })}</button>
        </div>
        ${p.spotlight ? html`<div class="row"><button @click=${() => host.spotlight(null)}>${msg('Stop spotlight', { id: 'roster.unspotlight' })}</button></div>` : nothing}
        ${p.endsAt !== null
          ? html`<div class="row" role="group" aria-labelledby="ends-at">
              <span class="ends-at" id="ends-at" aria-live="polite">${msg(str`Scheduled end: ${new Date(p.endsAt).toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' })}`, { id: 'host.ends-at' })}</span>
              ${[15, 30].map((minutes) => html`<button class="extend" data-minutes=${minutes} @click=${() => host.extendEnd(minutes)}>${msg(str`Extend by ${minutes} minutes`, { id: 'host.extend' })}</button>`)}
            </div>`
          : nothing}
        <div class="row">
          <button @click=${this.renameMeeting}>${msg('Rename the meeting', { id: 'host.rename' })}</button>
        </div>
        ${role === Role.HOST ? this.renderEnd() : nothing}
      </div>
      <meeting-rename-dialog exportparts="dialog"></meeting-rename-dialog>
    `;
  }

  private renderEnd() {
    const host = this.controller!.host;
    if (!this.confirmEnd) {
      return html`<div class="row"><button part="end" class="danger end" @click=${() => (this.confirmEnd = true)}>${msg('End meeting for all', { id: 'host.end' })}</button></div>`;
    }
    return html`<div class="row" role="alert">
      ${msg('End the meeting for everyone?', { id: 'host.end-confirm' })}
      <button part="end" class="danger end-confirm" @click=${() => host.end()}>${msg('End for all', { id: 'host.end-yes' })}</button>
      <button @click=${() => (this.confirmEnd = false)}>${msg('Cancel', { id: 'dialog.cancel' })}</button>
    </div>`;
  }

  /** SPEC H9: the cap on speakers; a value out of range is put back to the one in force. */
  private onStageCap = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const cap = Number(input.value);
    if (!Number.isInteger(cap) || cap < 0 || cap > 1000) {
      input.value = String(this.snapshot?.policy.stageCap ?? 0);
      return;
    }
    if (cap !== this.snapshot?.policy.stageCap) void this.controller?.host.stageCap(cap);
  };

  private renameMeeting = async () => {
    const current = this.snapshot?.policy.subject || this.snapshot?.meeting?.subject || '';
    const subject = await this.dialog.ask(withStrings(this, () => msg('Rename the meeting', { id: 'host.rename' })), current, SUBJECT_MAX);
    if (subject && subject !== current) await this.controller?.host.renameMeeting(subject);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-host-controls': MeetingHostControls;
  }
}
