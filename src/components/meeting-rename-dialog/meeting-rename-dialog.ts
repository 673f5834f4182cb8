import { localized, msg } from '../i18n/localize.js';
import { LitElement, html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { tokens } from '../styles/tokens.js';
import { styles } from './meeting-rename-dialog.styles.js';

/**
 * A modal dialog that asks for one name (a person's or the meeting's): `ask()` opens it and
 * resolves with the new name, or null when cancelled. Escape cancels; focus returns to the opener.
 *
 * @csspart dialog - the `<dialog>`
 */
@localized()
export class MeetingRenameDialog extends LitElement {
  static override styles = [tokens, styles];

  @state() private label = '';
  @state() private value = '';
  @state() private maxLength = 32;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;
  private resolve?: (name: string | null) => void;

  override render() {
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="title">${this.label}</h2>
        <input name="name" .value=${this.value} maxlength=${this.maxLength} required aria-labelledby="title" autocomplete="off" />
        <div class="buttons">
          <button type="button" value="cancel" @click=${() => this.dialog.close()}>${msg('Cancel', { id: 'dialog.cancel' })}</button>
          <button type="submit" class="primary">${msg('Save', { id: 'dialog.save' })}</button>
        </div>
      </form>
    </dialog>`;
  }

  /** Opens the dialog; resolves with the trimmed name, or null. */
  async ask(label: string, value: string, maxLength = 32): Promise<string | null> {
    this.label = label;
    this.value = value;
    this.maxLength = maxLength;
    await this.updateComplete;
    this.resolve?.(null);
    this.dialog.showModal();
    this.input.value = value;
    this.input.select();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  private onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const name = this.input.value.trim();
    if (!name) return;
    this.finish(name);
    this.dialog.close();
  };

  private onClose = () => this.finish(null);

  private finish(name: string | null): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    resolve?.(name);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-rename-dialog': MeetingRenameDialog;
  }
}
