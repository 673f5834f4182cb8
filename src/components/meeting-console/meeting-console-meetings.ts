import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { embedSnippet, guestLink } from '../../client/console-api.js';
import type { MeetingDto, MeetingStatus } from '../../protocol/meeting.js';
import { localized, msg } from '../i18n/console-msg.js';
import { tokens } from '../styles/tokens.js';
import { ConsolePanel } from './console-panel.js';
import { panelStyles } from './console.styles.js';
import type { MeetingConsoleMeetingForm, MeetingSaveDetail } from './meeting-console-meeting-form.js';
import './meeting-console-meeting-form.js';

// Not imported from protocol/meeting.ts, which would bring zod into the console's bundle; typed against it.
const Status = { NOT_STARTED: 1, IN_PROGRESS: 2, ENDED: 3, CANCELLED: 4, RECYCLED: 5 } as const satisfies Record<string, MeetingStatus>;

/** The bundle a snippet loads, with its SRI hash when the build wrote one. */
export interface BundleRef {
  src: string;
  integrity?: string;
}

const statusText = (s: number) =>
  ({
    [Status.NOT_STARTED]: msg('Not started', { id: 'console.status.not-started' }),
    [Status.IN_PROGRESS]: msg('In progress', { id: 'console.status.in-progress' }),
    [Status.ENDED]: msg('Ended', { id: 'console.status.ended' }),
    [Status.CANCELLED]: msg('Cancelled', { id: 'console.status.cancelled' }),
    [Status.RECYCLED]: msg('Recycled', { id: 'console.status.recycled' }),
  })[s] ?? String(s);

/**
 * The signed-in person's meetings (an admin's: the tenant's): create, edit, cancel, end, and copy
 * the host link, the guest link and the embedding snippet.
 *
 * @fires meeting-signed-out - the session ended (the server answered 401)
 * @csspart table - the list of meetings
 */
@localized()
export class MeetingConsoleMeetings extends ConsolePanel {
  static override styles = [tokens, panelStyles];

  /** The bundle the embedding snippet loads (`src` relative to the server). */
  @property({ attribute: false }) bundle: BundleRef = { src: '/assets/meeting-room.js' };
  @state() private meetings: MeetingDto[] = [];
  @state() private editing?: MeetingDto;
  @state() private loaded = false;
  @query('meeting-console-meeting-form') private form?: MeetingConsoleMeetingForm;

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  /** Reloads the list from the server. */
  async refresh(): Promise<void> {
    if (!this.api) return;
    const page = await this.run(() => this.api!.listMeetings());
    if (page) this.meetings = page.meetings;
    this.loaded = true;
  }

  override render() {
    return html`<h2>${msg('Meetings', { id: 'console.meetings.title' })}</h2>
      <meeting-console-meeting-form .meeting=${this.editing} @meeting-save=${this.onSave} @meeting-cancel-edit=${() => (this.editing = undefined)}></meeting-console-meeting-form>
      <p class="status ${this.failed ? 'error' : ''}" role="status">${this.status}</p>
      ${this.loaded && !this.meetings.length ? html`<p class="empty">${msg('No meetings yet.', { id: 'console.meetings.empty' })}</p>` : nothing}
      ${this.meetings.length
        ? html`<table part="table">
            <caption class="visually-hidden">${msg('Meetings', { id: 'console.meetings.title' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Subject', { id: 'console.form.subject' })}</th>
                <th scope="col">${msg('Number', { id: 'console.meetings.code' })}</th>
                <th scope="col">${msg('Starts', { id: 'console.form.start' })}</th>
                <th scope="col">${msg('Status', { id: 'console.meetings.status' })}</th>
                <th scope="col">${msg('Actions', { id: 'console.meetings.actions' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.meetings.map((m) => this.row(m))}
            </tbody>
          </table>`
        : nothing}`;
  }

  private row(m: MeetingDto) {
    const server = this.api!.server;
    const live = m.status === Status.NOT_STARTED || m.status === Status.IN_PROGRESS;
    const name = m.subject;
    return html`<tr data-meeting=${m.meetingUniqueId}>
      <th scope="row">${m.subject}</th>
      <td><code>${m.meetingId}</code></td>
      <td>${new Date(m.startTime).toLocaleString()}</td>
      <td>${statusText(m.status)}</td>
      <td class="actions">
        ${live
          ? html`<button data-action="copy-guest" aria-label=${`${msg('Copy guest link', { id: 'console.meetings.copy-guest' })}: ${name}`} @click=${() => this.copy(guestLink(server, m), msg('Guest link copied', { id: 'console.meetings.copied-guest' }))}>
                ${msg('Copy guest link', { id: 'console.meetings.copy-guest' })}
              </button>
              ${m.hostLink
                ? html`<button data-action="copy-host" aria-label=${`${msg('Copy host link', { id: 'console.meetings.copy-host' })}: ${name}`} @click=${() => this.copy(m.hostLink!, msg('Host link copied', { id: 'console.meetings.copied-host' }))}>
                    ${msg('Copy host link', { id: 'console.meetings.copy-host' })}
                  </button>`
                : nothing}
              <button data-action="copy-embed" aria-label=${`${msg('Copy embed code', { id: 'console.meetings.copy-embed' })}: ${name}`} @click=${() => this.copy(embedSnippet(server, m.meetingId, this.bundle), msg('Embed code copied', { id: 'console.meetings.copied-embed' }))}>
                ${msg('Copy embed code', { id: 'console.meetings.copy-embed' })}
              </button>
              <button data-action="edit" aria-label=${`${msg('Edit', { id: 'console.meetings.edit' })}: ${name}`} @click=${() => (this.editing = m)}>${msg('Edit', { id: 'console.meetings.edit' })}</button>`
          : nothing}
        ${m.status === Status.NOT_STARTED
          ? html`<button data-action="cancel" class="danger" aria-label=${`${msg('Cancel meeting', { id: 'console.meetings.cancel' })}: ${name}`} @click=${() => this.act(() => this.api!.cancelMeeting(m.meetingUniqueId), msg('Meeting cancelled', { id: 'console.meetings.cancelled' }))}>
              ${msg('Cancel meeting', { id: 'console.meetings.cancel' })}
            </button>`
          : nothing}
        ${m.status === Status.IN_PROGRESS
          ? html`<button data-action="end" class="danger" aria-label=${`${msg('End meeting', { id: 'console.live.end' })}: ${name}`} @click=${() => this.act(() => this.api!.endMeeting(m.meetingUniqueId), msg('Meeting ended', { id: 'console.live.ended' }))}>
              ${msg('End meeting', { id: 'console.live.end' })}
            </button>`
          : nothing}
      </td>
    </tr>`;
  }

  private async act(action: () => Promise<void>, done: string): Promise<void> {
    await this.run(action, done);
    if (!this.failed) await this.refresh();
  }

  private onSave = async (e: CustomEvent<MeetingSaveDetail>) => {
    const { body, meeting } = e.detail;
    if (meeting) {
      await this.run(() => this.api!.editMeeting({ ...body, meetingUniqueId: meeting.meetingUniqueId }), msg('Meeting saved', { id: 'console.meetings.saved' }));
      if (!this.failed) this.editing = undefined;
    } else {
      const made = await this.run(() => this.api!.createMeeting(body));
      if (made) {
        this.status = `${msg('Meeting created, number', { id: 'console.meetings.created' })} ${made.meetingId}`;
        this.form?.reset();
      }
    }
    if (!this.failed) await this.refresh();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-console-meetings': MeetingConsoleMeetings;
  }
}
