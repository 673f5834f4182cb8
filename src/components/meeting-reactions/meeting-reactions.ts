import { localized, msg } from '../i18n/localize.js';
import { css, html } from 'lit';
import { queryAll, query, state } from 'lit/decorators.js';
import { REACTIONS, type Emoji } from '../../protocol/reactions.js';
import { reactionName } from '../i18n/reaction-texts.js';
import { MeetingElement } from '../meeting-element.js';
import { tokens } from '../styles/tokens.js';
import { toolbarButton } from '../styles/toolbar-button.js';

/**
 * The reactions menu of the toolbar (SPEC R6): a button that opens a menu of emoji (the ARIA menu
 * button pattern: arrows move, Home/End jump, Enter or Space sends, Escape closes). The server
 * relays what is sent, and limits how often.
 *
 * @csspart button - the menu button
 * @csspart menu - the menu of emoji
 */
@localized()
export class MeetingReactions extends MeetingElement {
  static override styles = [
    tokens,
    toolbarButton,
    css`
      :host {
        position: relative;
        display: inline-flex;
      }
      [role='menu'] {
        position: absolute;
        bottom: calc(100% + 0.4rem);
        left: 50%;
        transform: translateX(-50%);
        display: flex;
        gap: 0.2rem;
        padding: 0.3rem;
        border-radius: 999px;
        background: var(--_surface);
        box-shadow: 0 2px 12px rgb(0 0 0 / 0.35);
        z-index: 5;
      }
      [role='menu'][hidden] {
        display: none;
      }
      [role='menuitem'] {
        padding: 0 0.55rem;
        font-size: 1.4rem;
      }
      button:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: 2px;
      }
    `,
  ];

  @state() private open = false;
  @query('button.reactions') private trigger!: HTMLButtonElement;
  @queryAll('[role=menuitem]') private items!: NodeListOf<HTMLButtonElement>;

  override render() {
    return html`<button part="button" class="reactions" aria-haspopup="menu" aria-expanded=${String(this.open)} aria-controls="reaction-menu" @click=${this.toggle} @keydown=${this.onTriggerKey}>
        <span aria-hidden="true">😊</span><span class="label">${msg('Reactions', { id: 'reactions.button' })}</span>
      </button>
      <div part="menu" id="reaction-menu" role="menu" aria-label=${msg('Send a reaction', { id: 'reactions.menu' })} ?hidden=${!this.open} @keydown=${this.onMenuKey} @focusout=${this.onFocusOut}>
        ${REACTIONS.map((emoji) => html`<button role="menuitem" tabindex="-1" data-emoji=${emoji} aria-label=${reactionName(emoji)} title=${reactionName(emoji)} @click=${() => this.pick(emoji)}>${emoji}</button>`)}
      </div>`;
  }

  private toggle = () => (this.open ? this.close() : void this.openAt(0));

  private async openAt(index: number): Promise<void> {
    this.open = true;
    await this.updateComplete;
    const items = [...this.items];
    items.at(index)?.focus();
  }

  private close(refocus = true): void {
    this.open = false;
    if (refocus) this.trigger.focus();
  }

  private pick(emoji: Emoji): void {
    this.close();
    void this.controller?.react(emoji);
  }

  private onTriggerKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    void this.openAt(e.key === 'ArrowUp' ? -1 : 0);
  };

  private onMenuKey = (e: KeyboardEvent) => {
    const items = [...this.items];
    const at = items.indexOf(this.shadowRoot!.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]!.focus();
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(-1);
        break;
      case 'Escape':
        this.close();
        break;
      case 'Tab':
        this.close(false);
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  /** Focus went elsewhere on the page: the menu closes. */
  private onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (this.open && (!next || !this.shadowRoot!.contains(next))) this.open = false;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-reactions': MeetingReactions;
  }
}
