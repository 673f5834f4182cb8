import { html, nothing } from 'lit';
import type { FileTransfer } from '../../client/chat-files.js';
import { isThumbnail, type ChatFile } from '../../protocol/chat.js';
import { currentLocale, msg, str } from '../i18n/localize.js';

/** A size for people: bytes, KB or MB (powers of 1024, one decimal). */
export function fileSize(bytes: number): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * A file of the chat: its name, size and type, then how far it got (a progress bar and Cancel while
 * on its way), and once here a thumbnail (raster images only) and a download link. Nothing opens
 * by itself: the link saves the file (`download`), and the bytes behind it are never HTML.
 */
export function chatFile(file: ChatFile, transfer: FileTransfer | undefined, cancel: (id: string) => void) {
  const name = file.name;
  return html`<div class="file" part="file" data-status=${transfer?.status ?? 'gone'}>
    <div class="file-meta">
      <span class="file-name">${name}</span>
      <span class="file-size">${fileSize(file.size)}</span>
      <span class="file-type">${file.type || msg('unknown type', { id: 'chat.file-unknown-type' })}</span>
    </div>
    ${transfer ? progress(file, transfer, cancel) : html`<p class="file-status">${msg('No longer available', { id: 'chat.file-gone' })}</p>`}
  </div>`;
}

function progress(file: ChatFile, t: FileTransfer, cancel: (id: string) => void) {
  const name = file.name;
  switch (t.status) {
    case 'active': {
      const label = t.direction === 'send' ? msg(str`Sending ${name}`, { id: 'chat.file-sending' }) : msg(str`Receiving ${name}`, { id: 'chat.file-receiving' });
      // The percentage is for the eye (the bar has it for screen readers): inside the live log, its every step would be read out.
      return html`<div class="file-progress">
        <progress max="1" .value=${t.progress} aria-label=${label}></progress>
        <span class="file-percent" aria-hidden="true">${new Intl.NumberFormat(currentLocale(), { style: 'percent' }).format(t.progress)}</span>
        <button type="button" class="file-cancel" aria-label=${msg(str`Cancel ${name}`, { id: 'chat.file-cancel-label' })} @click=${() => cancel(t.id)}>
          ${msg('Cancel', { id: 'chat.file-cancel' })}
        </button>
      </div>`;
    }
    case 'done':
      return html`${t.url && isThumbnail(file.type) ? html`<img class="thumb" src=${t.url} alt=${name} />` : nothing}
        <p class="file-status">
          ${t.direction === 'send' ? msg('Sent', { id: 'chat.file-sent' }) : nothing}
          ${t.url && t.direction === 'receive'
            ? html`<a class="file-download" href=${t.url} download=${name} aria-label=${msg(str`Download ${name}`, { id: 'chat.file-download-label' })}
                >${msg('Download', { id: 'chat.file-download' })}</a
              >`
            : nothing}
        </p>`;
    case 'cancelled':
      return html`<p class="file-status">
        ${t.cancelledBy === 'sender' ? msg('Cancelled by the sender', { id: 'chat.file-cancelled-by-sender' }) : msg('Cancelled', { id: 'chat.file-cancelled' })}
      </p>`;
    default:
      return html`<p class="file-status">${t.direction === 'send' ? msg('Could not be sent', { id: 'chat.file-send-failed' }) : msg('Did not arrive', { id: 'chat.file-failed' })}</p>`;
  }
}
