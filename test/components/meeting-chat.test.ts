import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-chat/meeting-chat.js';
import type { MeetingChat } from '../../src/components/meeting-chat/meeting-chat.js';
import { linkify } from '../../src/components/meeting-chat/linkify.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import type { ChatMessage } from '../../src/protocol/chat.js';
import { mount, person, settle, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada' });
const bob = person({ identity: 'p_bob', name: 'Bob' });
const at = Date.UTC(2026, 11, 2, 9, 30);
const message = (id: number, over: Partial<ChatMessage> = {}): ChatMessage => ({ id, from: 'p_ada', fromName: 'Ada', to: null, text: `message ${id}`, at, ...over });
const withChat = (messages: ChatMessage[], extra: Partial<MeetingSnapshot> = {}) => snapshotFor('attendee', [ada, bob], { chat: { messages, unread: 0 }, ...extra });

const hostile = '<img src=x onerror="window.pwned=1"> and [me](javascript:window.pwned=2) javascript:window.pwned=3';

describe('<meeting-chat>', () => {
  it('shows who wrote what and when, private messages marked, as a labelled log', async () => {
    const { el, root } = await mount<MeetingChat>(
      html`<meeting-chat></meeting-chat>`,
      withChat([message(1), message(2, { from: 'me', fromName: 'Me', to: 'p_bob', text: 'just Bob' }), message(3, { from: 'p_bob', fromName: 'Bob', to: 'me', text: 'just me' })]),
    );
    const log = root.querySelector('[role=log]')!;
    expect(log.getAttribute('aria-label')).to.equal('Chat messages');
    const items = [...root.querySelectorAll('li[data-id]')];
    expect(items.map((li) => li.querySelector('.who')!.textContent)).to.deep.equal(['Ada', 'You', 'Bob']);
    expect(items[1]!.querySelector('.private')!.textContent).to.equal('privately to Bob');
    expect(items[2]!.querySelector('.private')!.textContent).to.equal('privately to you');
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(at).toISOString());
    await expect(el).to.be.accessible();
  });

  it('renders a hostile message as its text: no markup, no script, no javascript: link; web links open safely', async () => {
    (window as unknown as { pwned?: number }).pwned = undefined;
    const long = 'x'.repeat(10_000);
    const { root } = await mount<MeetingChat>(
      html`<meeting-chat></meeting-chat>`,
      withChat([message(1, { text: hostile }), message(2, { text: 'see https://example.com/a?b=1, then http://x.test.' }), message(3, { text: long })]),
    );
    await settle();
    const first = root.querySelector('li[data-id="1"] .text')!;
    expect(first.textContent).to.equal(hostile);
    expect(first.querySelector('img, a, script')).to.equal(null);
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('li[data-id="2"] a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.com/a?b=1', 'http://x.test/']);
    for (const a of links) {
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.target).to.equal('_blank');
    }
    const longText = root.querySelector<HTMLElement>('li[data-id="3"] .text')!;
    expect(longText.scrollWidth).to.be.at.most(longText.clientWidth + 1, 'a 10 000-character line wraps');
  });

  it('sends with Enter, to everyone or the person chosen; Shift+Enter is a new line', async () => {
    const { el, root, controller } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, withChat([]));
    const text = root.querySelector('textarea')!;
    text.value = 'line one';
    text.dispatchEvent(new Event('input'));
    text.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(controller.calls).to.not.include('sendChat');
    text.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await settle();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'sendChat', args: ['line one', null] });

    const to = root.querySelector('select')!;
    expect([...to.options].map((o) => o.textContent)).to.deep.equal(['Everyone', 'Ada', 'Bob']);
    to.value = 'p_bob';
    to.dispatchEvent(new Event('change'));
    text.value = 'hi Bob';
    text.dispatchEvent(new Event('input'));
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('button.send')!.click();
    await settle();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'sendChat', args: ['hi Bob', 'p_bob'] });
  });

  it('says when a message is too long and does not send it', async () => {
    const { el, root, controller } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, withChat([]));
    const text = root.querySelector('textarea')!;
    text.value = 'y'.repeat(10_001);
    text.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root.querySelector('.limit')!.textContent).to.contain('at most 10000 characters');
    expect(root.querySelector<HTMLButtonElement>('button.send')!.disabled).to.equal(true);
    text.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await settle();
    expect(controller.calls).to.not.include('sendChat');
    await expect(el).to.be.accessible();
  });

  it('tells an attendee what the host allows; a host writes anyway', async () => {
    const off = withChat([], { policy: { ...initialSnapshot.policy, chat: 'off' } });
    const { root, show } = await mount<MeetingChat>(html`<meeting-chat></meeting-chat>`, off);
    expect(root.querySelector('.closed')!.textContent).to.equal('The host turned the chat off');
    await show({ ...off, policy: { ...off.policy, chat: 'hosts' } });
    expect(root.querySelector('.closed')!.textContent).to.equal('The host allows messages to hosts only');
    await show({ ...off, me: { ...off.me!, role: 'host' } });
    expect(root.querySelector('.closed')).to.equal(null);
  });

  it('speaks Simplified Chinese', async () => {
    const { el, root } = await mount<MeetingChat>(html`<meeting-chat lang="zh-CN"></meeting-chat>`, withChat([message(1, { from: 'me', fromName: 'Me' })]));
    expect(root.querySelector('[role=log]')!.getAttribute('aria-label')).to.equal('聊天消息');
    expect(root.querySelector('.who')!.textContent).to.equal('我');
    expect(root.querySelector('button.send')!.textContent).to.equal('发送');
    await expect(el).to.be.accessible();
  });
});

describe('linkify', () => {
  it('links http and https only, without trailing punctuation', () => {
    expect(linkify('a https://x.test/p, b')).to.deep.equal([{ text: 'a ' }, { text: 'https://x.test/p', href: 'https://x.test/p' }, { text: ', b' }]);
    expect(linkify('javascript:alert(1) data:text/html,x')).to.deep.equal([{ text: 'javascript:alert(1) data:text/html,x' }]);
  });
});
