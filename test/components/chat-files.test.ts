import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-chat/meeting-chat.js';
import type { MeetingChat } from '../../src/components/meeting-chat/meeting-chat.js';
import type { FileTransfer, FilesState } from '../../src/client/chat-files.js';
import type { MeetingSnapshot } from '../../src/client/snapshot.js';
import type { ChatFile, ChatMessage } from '../../src/protocol/chat.js';
import { mount, person, settle, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada' });
const bob = person({ identity: 'p_bob', name: 'Bob' });
const at = Date.UTC(2026, 11, 2, 9, 30);
/** A 1×1 PNG, for a thumbnail that really loads. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

const fileMessage = (id: number, file: Partial<ChatFile>, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  from: 'p_ada',
  fromName: 'Ada',
  to: null,
  text: '',
  at,
  file: { name: `file-${id}.pdf`, size: 5 * 1024 * 1024, type: 'application/pdf', stream: `stream-${id}`, ...file },
  ...over,
});
const transfer = (id: number, over: Partial<FileTransfer> = {}): [string, FileTransfer] => [`stream-${id}`, { id: `stream-${id}`, direction: 'receive', status: 'active', progress: 0.4, ...over }];
const withFiles = (messages: ChatMessage[], transfers: Array<[string, FileTransfer]>, extra: Partial<FilesState> = {}, more: Partial<MeetingSnapshot> = {}) =>
  snapshotFor('attendee', [ada, bob], { chat: { messages, unread: 0 }, files: { transfers: Object.fromEntries(transfers), ...extra }, ...more });

describe('<meeting-chat> files', () => {
  it('shows a file on its way with name, size, type, a labelled progress bar and Cancel', async () => {
    const { el, root, controller } = await mount<MeetingChat>(
      html`<meeting-chat></meeting-chat>`,
      withFiles([fileMessage(1, {}), fileMessage(2, { name: 'mine.zip', type: '', size: 1536 }, { from: 'me', fromName: 'Me' })], [transfer(1), transfer(2, { direction: 'send', progress: 0.25 })]),
    );
    const [incoming, outgoing] = [...root.querySelectorAll('li[data-id] [part=file]')];
    expect(incoming!.querySelector('.file-name')!.textContent).to.equal('file-1.pdf');
    expect(incoming!.querySelector('.file-size')!.textContent).to.equal('5 MB');
    expect(incoming!.querySelector('.file-type')!.textContent).to.equal('application/pdf');
    const bar = incoming!.querySelector('progress')!;
    expect(bar.value).to.be.closeTo(0.4, 0.001);
    expect(bar.getAttribute('aria-label')).to.equal('Receiving file-1.pdf');
    expect(outgoing!.querySelector('progress')!.getAttribute('aria-label')).to.equal('Sending mine.zip');
    expect(outgoing!.querySelector('.file-size')!.textContent).to.equal('1.5 kB');
    expect(outgoing!.querySelector('.file-type')!.textContent).to.equal('unknown type');
    expect(root.querySelector('li[data-id="1"] .text')).to.equal(null, 'no empty text under a file');
    await expect(el).to.be.accessible();

    outgoing!.querySelector<HTMLButtonElement>('button.file-cancel')!.click();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'cancelFile', args: ['stream-2'] });
  });

  it('an arrived image is a thumbnail (raster types only, never SVG); anything else a download; nothing opens by itself', async () => {
    const png = URL.createObjectURL(new Blob([PNG], { type: 'image/png' }));
    const other = URL.createObjectURL(new Blob(['<svg onload="window.pwned=1"/>'], { type: 'application/octet-stream' }));
    const { el, root } = await mount<MeetingChat>(
      html`<meeting-chat></meeting-chat>`,
      withFiles(
        [fileMessage(1, { name: 'cat.png', type: 'image/png', size: PNG.byteLength }), fileMessage(2, { name: 'logo.svg', type: 'image/svg+xml', size: 31 }), fileMessage(3, {})],
        [transfer(1, { status: 'done', progress: 1, url: png }), transfer(2, { status: 'done', progress: 1, url: other }), transfer(3, { status: 'done', progress: 1, url: other })],
      ),
    );
    const thumb = root.querySelector<HTMLImageElement>('li[data-id="1"] img.thumb')!;
    expect(thumb.getAttribute('src')).to.equal(png);
    expect(thumb.alt).to.equal('cat.png');
    expect(root.querySelector('li[data-id="2"] img')).to.equal(null, 'an SVG is no thumbnail');
    for (const [id, name] of [['1', 'cat.png'], ['2', 'logo.svg'], ['3', 'file-3.pdf']] as const) {
      const link = root.querySelector<HTMLAnchorElement>(`li[data-id="${id}"] a.file-download`)!;
      expect(link.getAttribute('download')).to.equal(name);
      expect(link.target).to.equal('');
      expect(link.getAttribute('aria-label')).to.equal(`Download ${name}`);
    }
    expect(root.querySelector('progress')).to.equal(null);
    await settle();
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('keeps the end of the log in view when a thumbnail loads and makes its message taller', async () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
    const board = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const texts = Array.from({ length: 12 }, (_, i): ChatMessage => ({ id: i + 1, from: 'p_bob', fromName: 'Bob', to: null, text: `Message ${i}`, at }));
    const messages = [...texts, fileMessage(100, { name: 'board.png', type: 'image/png', size: board.size })];
    const { root, show } = await mount<MeetingChat>(html`<meeting-chat style="height: 20rem"></meeting-chat>`, withFiles(messages, [transfer(100)]));
    const log = root.querySelector<HTMLElement>('.log')!;
    const atEnd = () => log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    expect(log.scrollHeight).to.be.above(log.clientHeight, 'the log overflows');
    expect(atEnd()).to.equal(true);
    await show(withFiles(messages, [transfer(100, { status: 'done', progress: 1, url: URL.createObjectURL(board) })]));
    const thumb = root.querySelector<HTMLImageElement>('img.thumb')!;
    if (!thumb.complete) await new Promise((resolve) => thumb.addEventListener('load', resolve, { once: true }));
    expect(thumb.naturalHeight).to.equal(240);
    // The list's growth is seen after the next layout.
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    expect(atEnd()).to.equal(true, 'still at the end after the thumbnail grew');
    log.scrollTop = 0;
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    const later: ChatMessage = { id: 101, from: 'p_bob', fromName: 'Bob', to: null, text: 'One more', at };
    await show(withFiles([...messages, later], [transfer(100, { status: 'done', progress: 1, url: thumb.src })]));
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    expect(log.scrollTop).to.equal(0, 'someone reading further up stays there');
  });

  it('says when a file was cancelled (by me or the sender), did not arrive, or is no longer available', async () => {
    const { el, root } = await mount<MeetingChat>(
      html`<meeting-chat></meeting-chat>`,
      withFiles(
        [fileMessage(1, {}), fileMessage(2, {}), fileMessage(3, {}), fileMessage(4, {}), fileMessage(5, {}, { from: 'me', fromName: 'Me' })],
        [transfer(1, { status: 'cancelled', cancelledBy: 'sender' }), transfer(2, { status: 'cancelled', cancelledBy: 'me' }), transfer(3, { status: 'failed' }), transfer(5, { direction: 'send', status: 'done', progress: 1 })],
      ),
    );
    const status = (id: number) => root.querySelector(`li[data-id="${id}"] .file-status`)!.textContent!.trim();
    expect([1, 2, 3, 4, 5].map(status)).to.deep.equal(['Cancelled by the sender', 'Cancelled', 'Did not arrive', 'No longer available', 'Sent']);
    expect(root.querySelectorAll('button.file-cancel').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('sends a picked file to the chosen recipient, from a labelled button', async () => {
    const { el, root, controller } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, withFiles([], []));
    const attach = root.querySelector<HTMLButtonElement>('button.attach')!;
    expect(attach.textContent).to.equal('Send a file');
    expect(attach.type).to.equal('button');
    const to = root.querySelector('select')!;
    to.value = 'p_bob';
    to.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
    const picked = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    const list = new DataTransfer();
    list.items.add(picked);
    input.files = list.files;
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'sendFile', args: [picked, 'p_bob'] });
    expect(input.value).to.equal('', 'the same file can be picked again');
  });

  it('says why the server refused a file, in English and Simplified Chinese', async () => {
    const refused = withFiles([], [], { refused: { name: 'big.iso', code: 300, msg: 'Files are at most 25 MB', maxMb: 25 } });
    const { el, root } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, refused);
    expect(root.querySelector('.refused')!.getAttribute('role')).to.equal('alert');
    expect(root.querySelector('.refused')!.textContent).to.equal('big.iso was not sent: Files are at most 25 MB');
    await expect(el).to.be.accessible();

    const zh = await mount<MeetingChat>(html`<meeting-chat lang="zh-CN"></meeting-chat>`, withFiles([fileMessage(1, {})], [transfer(1)], { refused: refused.files.refused }));
    expect(zh.root.querySelector('.refused')!.textContent).to.equal('big.iso 未发送：文件最大为 25 MB');
    expect(zh.root.querySelector('button.attach')!.textContent).to.equal('发送文件');
    expect(zh.root.querySelector('progress')!.getAttribute('aria-label')).to.equal('正在接收 file-1.pdf');
    await expect(zh.el).to.be.accessible();
  });

  it('is accessible in the light theme too', async () => {
    const { el } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, withFiles([fileMessage(1, {})], [transfer(1)]), 'light');
    await expect(el).to.be.accessible();
  });
});
