import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/index.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import { getLocale, setLocale } from '../../src/components/i18n/localization.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { MeetingVideoTile } from '../../src/components/meeting-video-tile/meeting-video-tile.js';
import { RecordingController, person, snapshotFor } from './fixtures.js';

class GivenController extends RecordingController {
  override setViewport() {}
}

const prejoin: MeetingSnapshot = { ...initialSnapshot, phase: 'prejoin' };
const ada = person({ identity: 'p_ada', name: 'Ada' });

/** A room driven by the snapshots a test gives it (no meeting server, no code: it never prepares a join). */
async function room(attrs: { lang?: string } = {}, parent: HTMLElement = document.body) {
  const controller = new GivenController();
  const el = document.createElement('meeting-room') as MeetingRoom;
  el.controller = controller;
  if (attrs.lang) el.setAttribute('lang', attrs.lang);
  parent.append(el);
  await el.updateComplete;
  const give = async (snapshot: MeetingSnapshot) => {
    controller.dispatchEvent(new CustomEvent('change', { detail: snapshot }));
    await settled(el);
  };
  return { el, give, controller };
}

/** The room and every element inside it (its shadow tree and its children) have finished updating. */
async function settled(el: Element): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const all = [el, ...deep(el)].filter((e): e is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in e);
    await Promise.all(all.map((e) => e.updateComplete));
  }
}

function deep(el: Element): Element[] {
  const inside = el.shadowRoot ? [...el.shadowRoot.querySelectorAll('*')] : [];
  return inside.flatMap((child) => [child, ...deep(child)]);
}

const inRoom = (el: MeetingRoom, selector: string) => el.shadowRoot!.querySelector(selector)!.shadowRoot!;
const title = (el: MeetingRoom) => inRoom(el, 'meeting-prejoin').querySelector('h1')!.textContent!.trim();
const leave = (el: MeetingRoom) => inRoom(el, 'meeting-toolbar').querySelector('button.leave')!.textContent!.trim();

describe('languages per element', function () {
  // Whole rooms and axe on a busy 2-core machine: mocha's 2 s is too short for the slowest.
  this.timeout(20_000);
  afterEach(() => {
    document.querySelectorAll('meeting-room, [data-test-page]').forEach((e) => e.remove());
  });

  it('renders two rooms on one page each in its own language, before and in the meeting', async () => {
    const en = await room({ lang: 'en' });
    const zh = await room({ lang: 'zh-CN' });
    await en.give(prejoin);
    await zh.give(prejoin);
    expect(title(en.el)).to.equal('Ready to join?');
    expect(title(zh.el)).to.equal('准备好加入了吗？');
    await expect(en.el).to.be.accessible();
    await expect(zh.el).to.be.accessible();

    await en.give(snapshotFor('attendee', [ada]));
    await zh.give(snapshotFor('attendee', [ada]));
    expect(leave(en.el)).to.equal('Leave');
    expect(leave(zh.el)).to.equal('离开会议');
    // The room's own texts (the panel tabs) and a text with a value (the roster's count).
    expect(en.el.shadowRoot!.querySelector('#tab-people')!.textContent).to.equal('Participants');
    expect(zh.el.shadowRoot!.querySelector('#tab-people')!.textContent).to.equal('参会者');
    expect(inRoom(zh.el, 'meeting-roster').querySelector('#roster-title')!.textContent).to.equal('参会者（2）');
    expect(inRoom(en.el, 'meeting-roster').querySelector('#roster-title')!.textContent).to.equal('Participants (2)');
  });

  it('announces joins in the room’s language, outside any render', async () => {
    const en = await room({ lang: 'en' });
    const zh = await room({ lang: 'zh-CN' });
    for (const r of [en, zh]) {
      await r.give(snapshotFor('attendee', []));
      await r.give(snapshotFor('attendee', [ada]));
    }
    expect(en.el.shadowRoot!.querySelector('[data-announce]')!.textContent).to.equal('Ada joined');
    expect(zh.el.shadowRoot!.querySelector('[data-announce]')!.textContent).to.equal('Ada加入了会议');
  });

  it('titles a dialog opened by a click in the room’s language', async () => {
    const zh = await room({ lang: 'zh-CN' });
    await zh.give(snapshotFor('attendee', [ada]));
    const roster = inRoom(zh.el, 'meeting-roster');
    const me = roster.querySelector<HTMLButtonElement>('li[data-identity="me"] .more')!;
    me.click();
    await settled(zh.el);
    const rename = [...roster.querySelectorAll<HTMLButtonElement>('li[data-identity="me"] button')].find((b) => b.textContent === '改名')!;
    rename.click();
    await settled(zh.el);
    const dialog = roster.querySelector('meeting-rename-dialog')!.shadowRoot!;
    expect(dialog.querySelector('h2')!.textContent).to.equal('您的名字');
    expect(dialog.querySelector('button.primary')!.textContent).to.equal('保存');
    dialog.querySelector('dialog')!.close();
  });

  it('writes dates in the room’s language', async () => {
    const startTime = Date.UTC(2030, 0, 2, 9, 30);
    const zh = await room({ lang: 'zh-CN' });
    await zh.give({ ...initialSnapshot, phase: 'error', error: { code: 2030, msg: 'not started', startTime } });
    expect(zh.el.shadowRoot!.querySelector('.starts')!.textContent).to.equal(`开始时间： ${new Date(startTime).toLocaleString('zh-CN')}`);
  });

  it('re-renders when the room’s lang changes, or an ancestor’s', async () => {
    const en = await room({ lang: 'en' });
    await en.give(prejoin);
    en.el.setAttribute('lang', 'zh-CN');
    await settled(en.el);
    expect(title(en.el)).to.equal('准备好加入了吗？');
    en.el.lang = 'en';
    await settled(en.el);
    expect(title(en.el)).to.equal('Ready to join?');

    const page = document.createElement('div');
    page.dataset.testPage = '';
    page.lang = 'en';
    document.body.append(page);
    const inside = await room({}, page);
    await inside.give(prejoin);
    expect(title(inside.el)).to.equal('Ready to join?');
    page.lang = 'zh-CN';
    await waitUntil(() => title(inside.el) === '准备好加入了吗？', 'the ancestor’s new lang was not taken');
  });

  const inPage = async (page: HTMLElement) => {
    const el = document.createElement('meeting-room') as MeetingRoom;
    el.usePageUrl = true;
    page.append(el);
    await el.updateComplete;
    return el;
  };

  it('with use-page-url follows the link’s lang, else the browser’s, not the page’s placeholder lang', async () => {
    const page = document.createElement('div');
    page.dataset.testPage = '';
    page.lang = 'zh-CN';
    document.body.append(page);
    try {
      history.replaceState(null, '', `${location.pathname}?lang=zh-CN`);
      // A link naming no meeting is told so at once (SPEC J2), in the link's language.
      const errorOf = async (el: MeetingRoom) => {
        await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]'), 'no error screen for a link without a meeting');
        return el.shadowRoot!.querySelector('[data-screen=error]')!.textContent!;
      };
      const linked = await inPage(page);
      expect(await errorOf(linked)).to.include('链接不完整');
      history.replaceState(null, '', location.pathname);
      // The browser here speaks English.
      const plain = await inPage(page);
      expect(await errorOf(plain)).to.include('The link is incomplete');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('lets strings replace any text, in English and in Chinese, with the values of a text', async () => {
    const en = await room({ lang: 'en' });
    const zh = await room({ lang: 'zh-CN' });
    en.el.strings = { 'prejoin.title': 'Welcome', 'roster.title': 'People: {0}' };
    zh.el.strings = { 'prejoin.title': '欢迎' };
    await en.give(prejoin);
    await zh.give(prejoin);
    expect(title(en.el)).to.equal('Welcome');
    expect(title(zh.el)).to.equal('欢迎');
    // Other texts stay as they were.
    expect(inRoom(zh.el, 'meeting-prejoin').querySelector('button.join')!.textContent!.trim()).to.equal('加入会议');

    await en.give(snapshotFor('attendee', [ada]));
    expect(inRoom(en.el, 'meeting-roster').querySelector('#roster-title')!.textContent).to.equal('People: 2');
    // A new object replaces the old replacements and re-renders.
    en.el.strings = { 'toolbar.leave': 'Bye' };
    await settled(en.el);
    expect(leave(en.el)).to.equal('Bye');
    expect(inRoom(en.el, 'meeting-roster').querySelector('#roster-title')!.textContent).to.equal('Participants (2)');
  });

  it('takes strings as a JSON attribute, and ignores one that is not JSON', async () => {
    const el = await fixture<MeetingRoom>(html`<meeting-room lang="en" strings='{"loading": "One moment"}'></meeting-room>`);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('One moment');
    el.setAttribute('strings', '{not json');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Loading…');
  });

  it('renders a standalone element in its own lang, else its closest ancestor’s, and follows a change', async () => {
    const tile = await fixture<MeetingVideoTile>(html`<meeting-video-tile lang="zh-CN" .participant=${person({ micOn: false })}></meeting-video-tile>`);
    expect(tile.shadowRoot!.querySelector('.mic-off')!.getAttribute('aria-label')).to.equal('麦克风已关闭');
    await expect(tile).to.be.accessible();
    tile.lang = 'en';
    await waitUntil(() => tile.shadowRoot!.querySelector('.mic-off')!.getAttribute('aria-label') === 'Microphone off', 'its new lang was not taken');

    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-CN"><meeting-video-tile .participant=${person({ isLocal: true })}></meeting-video-tile></div>`);
    const inner = wrapper.querySelector<MeetingVideoTile>('meeting-video-tile')!;
    await inner.updateComplete;
    expect(inner.shadowRoot!.querySelector('.name')!.textContent).to.equal('Ada Lovelace（我）');
    // One without any lang around it keeps the browser's language (English here), whatever the others say.
    const alone = await fixture<MeetingVideoTile>(html`<meeting-video-tile .participant=${person({ isLocal: true })}></meeting-video-tile>`);
    expect(alone.shadowRoot!.querySelector('.name')!.textContent).to.equal('Ada Lovelace (you)');
  });

  it('keeps the deprecated setLocale as the page default for elements without a lang', async () => {
    try {
      await setLocale('zh-CN');
      expect(getLocale()).to.equal('zh-CN');
      const plain = await room();
      const english = await room({ lang: 'en' });
      await plain.give(prejoin);
      await english.give(prejoin);
      expect(title(plain.el)).to.equal('准备好加入了吗？');
      expect(title(english.el)).to.equal('Ready to join?');
      await setLocale('en');
      await waitUntil(() => title(plain.el) === 'Ready to join?', 'the page default change was not taken');
    } finally {
      await setLocale('en');
    }
  });
});
