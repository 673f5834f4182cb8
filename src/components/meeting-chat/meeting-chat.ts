import { currentLocale, localized, msg, str } from '../i18n/localize.js';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CHAT_MAX_LENGTH, type ChatMessage } from '../../protocol/chat.js';
import { ChatPolicy } from '../../protocol/control.js';
import { isModerator } from '../../protocol/roles.js';
import { MeetingElement } from '../meeting-element.js';
import { panel } from '../styles/panel.js';
import { tokens } from '../styles/tokens.js';
import { errorText } from '../i18n/texts.js';
import { chatFile } from './chat-file.js';
import { linkify } from './linkify.js';
import { styles } from './meeting-chat.styles.js';

/**
 * The meeting's chat (SPEC R5): messages to everyone or privately to one person, with the sender's
 * name and time. Messages are text: web addresses become links (opening in a new tab, without
 * access back to this page), nothing else a message holds is ever markup. Enter sends, Shift+Enter
 * starts a new line. Files (the attach button) go to the same recipient: their progress shows on
 * both sides with a Cancel button, images arrive as thumbnails and anything else as a download;
 * nothing received is opened by itself. What the host allows is the server's to enforce; this
 * only says it.
 *
 * @csspart log - the list of messages
 * @csspart message - one message
 * @csspart file - a file in a message: name, size, type, progress, thumbnail or download
 * @csspart form - the recipient, the text and the send button
 * @cssprop --meeting-link - colour of links in messages
 */
@localized()
export class MeetingChat extends MeetingElement {
  static override styles = [tokens, panel, styles];

  /** Whom a new message goes to: an identity, or '' for everyone. */
  @property() to = '';

  @state() private draft = '';
  @query('.log') private log?: HTMLElement;
  @query('input[type=file]') private picker?: HTMLInputElement;
  /** Whether the list was scrolled to its end: only then does a new message (or a message growing) scroll it. */
  private atEnd = true;
  private lastTop = 0;
  private shownCount = 0;
  /** A message grows after its update (a thumbnail loading, a file arriving): the end stays in view if it was. */
  private readonly growth = new ResizeObserver(() => this.keepEnd());
  private watched?: Element;

  protected override willUpdate(): void {
    // A recipient who left (or is away, reconnecting, SPEC J7): back to everyone.
    if (this.to && this.snapshot && !this.snapshot.participants.some((p) => p.identity === this.to && !p.away)) this.to = '';
  }

  protected override updated(): void {
    const count = this.snapshot?.chat.messages.length ?? 0;
    if (count !== this.shownCount) this.keepEnd();
    this.shownCount = count;
    const list = this.log?.querySelector('ol');
    if (list && list !== this.watched) {
      this.growth.disconnect();
      this.growth.observe(list);
      this.watched = list;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.growth.disconnect();
    this.watched = undefined;
  }

  private keepEnd(): void {
    if (this.log && this.atEnd) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Only scrolling up leaves the end: a scroll of ours may be told after the list grew again. */
  private onScroll = () => {
    const log = this.log;
    if (!log) return;
    const end = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    this.atEnd = end || (this.atEnd && log.scrollTop >= this.lastTop);
    this.lastTop = log.scrollTop;
  };

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const me = s.me?.identity;
    const messages = s.chat.messages;
    const closed = this.closedFor();
    const over = this.draft.length > CHAT_MAX_LENGTH;
    return html`
      <div class="log" part="log" role="log" aria-live="polite" aria-label=${msg('Chat messages', { id: 'chat.log' })} tabindex="0" @scroll=${this.onScroll}>
        ${messages.length === 0 ? html`<p class="empty">${msg('No messages yet', { id: 'chat.empty' })}</p>` : nothing}
        <ol>
          ${repeat(
            messages,
            (m) => m.id,
            (m) => this.message(m, me),
          )}
        </ol>
      </div>
      ${closed ? html`<p class="closed" role="status">${closed}</p>` : nothing}
      <p class="refused" role="alert">${this.refusal()}</p>
      <form part="form" @submit=${this.onSubmit}>
        <div class="row">
          <label for="to">${msg('To', { id: 'chat.to' })}</label>
          <select id="to" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.to === ''}>${msg('Everyone', { id: 'chat.everyone' })}</option>
            ${s.participants
              .filter((p) => !p.isLocal && !p.away)
              .map((p) => html`<option value=${p.identity} ?selected=${this.to === p.identity}>${p.name}</option>`)}
          </select>
        </div>
        <label for="text" class="visually-hidden">${msg('Message', { id: 'chat.message' })}</label>
        <textarea
          id="text"
          rows="2"
          .value=${this.draft}
          placeholder=${msg('Write a message (Enter sends, Shift+Enter for a new line)', { id: 'chat.placeholder' })}
          aria-describedby="limit"
          aria-invalid=${over ? 'true' : 'false'}
          @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.onKey}
        ></textarea>
        <div class="row">
          <span id="limit" class="limit ${over ? 'over' : ''}" aria-live="polite"
            >${over
              ? msg(str`A message is at most ${CHAT_MAX_LENGTH} characters (${this.draft.length} now)`, { id: 'chat.too-long' })
              : this.draft.length > CHAT_MAX_LENGTH - 200
                ? msg(str`${CHAT_MAX_LENGTH - this.draft.length} characters left`, { id: 'chat.left' })
                : ''}</span
          >
          <button class="attach" type="button" @click=${() => this.picker?.click()}>${msg('Send a file', { id: 'chat.attach' })}</button>
          <input type="file" hidden tabindex="-1" aria-hidden="true" @change=${this.onPick} />
          <button class="primary send" type="submit" ?disabled=${over || this.draft.trim() === ''}>${msg('Send', { id: 'chat.send' })}</button>
        </div>
      </form>
    `;
  }

  private message(m: ChatMessage, me: string | undefined) {
    const mine = m.from === me;
    const who = mine ? msg('You', { id: 'chat.you' }) : m.fromName;
    const toName = m.to === null ? null : m.to === me ? msg('you', { id: 'chat.to-you' }) : (this.snapshot?.participants.find((p) => p.identity === m.to)?.name ?? m.to);
    return html`<li part="message" data-id=${m.id} data-from=${m.from} ?data-private=${m.to !== null}>
      <div class="meta">
        <span class="who">${who}</span>
        ${toName !== null ? html`<span class="private">${msg(str`privately to ${toName}`, { id: 'chat.private-to' })}</span>` : nothing}
        <time datetime=${new Date(m.at).toISOString()}>${new Date(m.at).toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' })}</time>
      </div>
      ${m.file ? chatFile(m.file, this.snapshot?.files.transfers[m.file.stream], (id) => this.controller?.cancelFile(id)) : nothing}
      ${m.text === ''
        ? nothing
        : html`<p class="text">${linkify(m.text).map((piece) => (piece.href ? html`<a href=${piece.href} target="_blank" rel="noopener noreferrer">${piece.text}</a>` : piece.text))}</p>`}
    </li>`;
  }

  /** Why I cannot write (what the host decided), or nothing. */
  private closedFor(): string | undefined {
    const s = this.snapshot;
    if (!s || (s.me && isModerator(s.me.role))) return undefined;
    if (s.policy.chat === ChatPolicy.OFF) return msg('The host turned the chat off', { id: 'chat.off' });
    if (s.policy.chat === ChatPolicy.HOSTS) return msg('The host allows messages to hosts only', { id: 'chat.hosts-only' });
    return undefined;
  }

  /** Why the server would not take my last file. */
  private refusal(): string {
    const refused = this.snapshot?.files.refused;
    if (!refused) return '';
    const why = refused.maxMb !== undefined ? msg(str`Files are at most ${refused.maxMb} MB`, { id: 'chat.file-too-large' }) : refused.code === 300 ? refused.msg : errorText(refused.code);
    return msg(str`${refused.name} was not sent: ${why}`, { id: 'chat.file-refused' });
  }

  private onPick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.controller?.sendFile(file, { to: this.to || null });
  };

  private onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void this.send();
    }
  };

  private onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    void this.send();
  };

  private async send(): Promise<void> {
    const text = this.draft.trim();
    if (!text || text.length > CHAT_MAX_LENGTH || !this.controller) return;
    if (await this.controller.sendChat(text, { to: this.to || null })) this.draft = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-chat': MeetingChat;
  }
}
