import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/components/index.js';
import '../../src/components/meeting-header/meeting-header.js';
import '../../src/components/meeting-host-controls/meeting-host-controls.js';
import '../../src/components/meeting-notices/meeting-notices.js';
import '../../src/components/meeting-roster/meeting-roster.js';
import '../../src/components/meeting-stats/meeting-stats.js';
import '../../src/components/meeting-wait-room/meeting-wait-room.js';
import '../../src/components/meeting-chat/meeting-chat.js';
import '../../src/components/meeting-recorder/meeting-recorder.js';
import '../../src/components/meeting-reactions/meeting-reactions.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { MeetingSnapshot } from '../../src/client/snapshot.js';
import { RecordingController, mount, person, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_a', name: 'Ada', connectionQuality: 'poor', handAt: 1, cameraOn: true });
const bob = person({ identity: 'p_b', name: 'Bob', connectionQuality: 'excellent', micOn: false });
const busy = snapshotFor('host', [ada, bob], {
  waitingQueue: [{ identity: 'g_w', name: 'Wen', since: 1 }],
  notices: [{ id: 1, type: 'connection-poor', by: 'Ada' }],
});

const at = Date.UTC(2026, 11, 2, 9, 30);
/** A chat with a group message, a private one, a file arriving and a file that came. */
const chatting: MeetingSnapshot = {
  ...busy,
  chat: {
    unread: 0,
    messages: [
      { id: 1, from: 'p_a', fromName: 'Ada', to: null, text: 'Hello everyone, see https://example.com/agenda', at },
      { id: 2, from: 'p_b', fromName: 'Bob', to: 'me', text: 'Can you stay after?', at },
      { id: 3, from: 'p_a', fromName: 'Ada', to: null, text: '', at, file: { name: 'slides.pdf', size: 2_400_000, type: 'application/pdf', stream: 's1' } },
      { id: 4, from: 'me', fromName: 'Me', to: null, text: '', at, file: { name: 'notes.txt', size: 1200, type: 'text/plain', stream: 's2' } },
    ],
  },
  files: {
    transfers: {
      s1: { id: 's1', direction: 'receive', status: 'active', progress: 0.4 },
      s2: { id: 's2', direction: 'send', status: 'done', progress: 1, url: 'blob:x' },
    },
  },
};

/** Every element of the meeting, as the room shows them. */
const elements: Array<[string, TemplateResult, MeetingSnapshot]> = [
  ['header', html`<meeting-header></meeting-header>`, busy],
  ['toolbar', html`<meeting-toolbar></meeting-toolbar>`, busy],
  ['grid', html`<meeting-video-grid style="width: 100%; height: 400px"></meeting-video-grid>`, busy],
  ['tile', html`<meeting-video-tile .participant=${ada}></meeting-video-tile>`, busy],
  ['roster', html`<meeting-roster></meeting-roster>`, busy],
  ['host controls', html`<meeting-host-controls></meeting-host-controls>`, busy],
  ['waiting queue', html`<meeting-wait-room></meeting-wait-room>`, busy],
  ['notices', html`<meeting-notices timeout="0"></meeting-notices>`, busy],
  ['stats', html`<meeting-stats></meeting-stats>`, busy],
  ['chat', html`<meeting-chat style="height: 500px"></meeting-chat>`, chatting],
  ['chat in Chinese', html`<meeting-chat lang="zh-CN" style="height: 500px"></meeting-chat>`, chatting],
  ['recorder', html`<meeting-recorder></meeting-recorder>`, busy],
  ['reactions', html`<meeting-reactions></meeting-reactions>`, busy],
  ['prejoin', html`<meeting-prejoin></meeting-prejoin>`, { ...busy, phase: 'prejoin', preview: { micOn: true, cameraOn: false, videoProblem: 'permission' } }],
];

describe('the look: themes, connection quality, shortcuts, announcements', function () {
  this.timeout(10_000);
  after(() => setViewport({ width: 800, height: 600 }));

  for (const theme of ['dark', 'light'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const [name, template, snapshot] of elements) {
        it(`${name} is accessible in the ${theme} theme at ${width}×${height}`, async () => {
          await setViewport({ width, height });
          const { el } = await mount(template, snapshot, theme);
          await expect(el).to.be.accessible();
        });
      }
    }
  }

  it('the light theme gives the elements its own colours', async () => {
    const dark = await mount(html`<meeting-toolbar></meeting-toolbar>`, busy, 'dark');
    const light = await mount(html`<meeting-toolbar></meeting-toolbar>`, busy, 'light');
    const bg = (el: Element) => getComputedStyle(el).getPropertyValue('--_bg').trim();
    expect(bg(dark.el)).to.equal('#111418');
    expect(bg(light.el)).to.equal('#f4f6f8');
  });

  it('shows connection quality in the roster for everyone, on tiles only when poor', async () => {
    const { root } = await mount(html`<meeting-roster></meeting-roster>`, busy);
    const marks = [...root.querySelectorAll('li[data-identity] .quality')].map((q) => [q.closest('li')!.dataset.identity, q.getAttribute('aria-label')]);
    expect(marks).to.deep.equal([
      ['me', 'Connection: good'],
      ['p_a', 'Connection: poor'],
      ['p_b', 'Connection: excellent'],
    ]);
    const poor = await mount(html`<meeting-video-tile .participant=${ada}></meeting-video-tile>`);
    expect(poor.root.querySelector('.quality')!.getAttribute('data-quality')).to.equal('poor');
    const fine = await mount(html`<meeting-video-tile .participant=${bob}></meeting-video-tile>`);
    expect(fine.root.querySelector('.quality')).to.equal(null);
  });

  it("tells when someone's connection is poor", async () => {
    const { root } = await mount(html`<meeting-notices timeout="0"></meeting-notices>`, busy);
    expect(root.querySelector('[data-notice=connection-poor]')!.textContent).to.contain("Ada's connection is poor");
  });

  it('shows each toolbar shortcut in its tooltip and aria-keyshortcuts', async () => {
    const { root } = await mount(html`<meeting-toolbar></meeting-toolbar>`, busy);
    const keys = [...root.querySelectorAll('button[aria-keyshortcuts]')].map((b) => [b.className, b.getAttribute('aria-keyshortcuts'), b.getAttribute('title')]);
    expect(keys).to.deep.equal([
      ['mic', 'Alt+M', 'Microphone (Alt+M)'],
      ['camera', 'Alt+V', 'Camera (Alt+V)'],
      ['hand', 'Alt+H', 'Raise hand (Alt+H)'],
      ['people', 'Alt+P', 'Participants (Alt+P)'],
      ['leave', 'Alt+L', 'Leave (Alt+L)'],
    ]);
  });

  /** The room is given its snapshots by the test alone: the grid's size would answer with the controller's own. */
  class GivenController extends RecordingController {
    override setViewport() {}
  }

  describe('<meeting-room> in the meeting', () => {
    let room: MeetingRoom;
    let controller: GivenController;
    const give = async (snapshot: MeetingSnapshot) => {
      controller.dispatchEvent(new CustomEvent('change', { detail: snapshot }));
      await room.updateComplete;
    };
    const press = (code: string, target: EventTarget = document.body) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, bubbles: true, composed: true, cancelable: true }));

    beforeEach(async () => {
      controller = new GivenController();
      room = document.createElement('meeting-room') as MeetingRoom;
      room.controller = controller;
      room.setAttribute('lang', 'en');
      document.body.append(room);
      // Its first update sets the controller's layout and cap, which answers with the controller's own snapshot.
      await room.updateComplete;
      await give(snapshotFor('attendee', [ada]));
    });
    afterEach(() => {
      room.remove();
    });

    it('runs the Alt shortcuts, but not while typing in a field', async () => {
      const start = controller.calls.length;
      for (const code of ['KeyM', 'KeyV', 'KeyH', 'KeyL']) press(code);
      expect(controller.calls.slice(start)).to.deep.equal(['toggleMic', 'toggleCamera', 'setHand', 'leave']);
      press('KeyP');
      await room.updateComplete;
      expect(room.shadowRoot!.querySelector<HTMLElement>('aside')!.hidden).to.equal(false);
      const search = room.shadowRoot!.querySelector('meeting-roster')!.shadowRoot!.querySelector('input')!;
      press('KeyM', search);
      // Opening the panel tells the controller the chat is not on screen; typing ran nothing more.
      expect(controller.calls.slice(start)).to.deep.equal(['toggleMic', 'toggleCamera', 'setHand', 'leave', 'setChatOpen']);
    });

    it('announces joins, leaves, hands and layout changes in one polite live region', async () => {
      await give(snapshotFor('attendee', [person({ ...ada, handAt: null }), bob]));
      const region = () => room.shadowRoot!.querySelector('[data-announce]')!;
      expect(region().getAttribute('aria-live')).to.equal('polite');
      expect(region().textContent).to.equal('Bob joined');
      await give(snapshotFor('attendee', [person({ ...ada, handAt: 5, screenOn: true })]));
      expect(region().textContent).to.equal('Ada raised their hand. Bob left. One tile shown large');
    });

    it('on a phone, a long chat opens under the grid and leaves the videos their space', async () => {
      await setViewport({ width: 390, height: 844 });
      room.style.height = '844px';
      const messages = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, from: 'p_a', fromName: 'Ada', to: null, text: `Message ${i}`, at: 1 }));
      await give(snapshotFor('attendee', [ada, bob], { chat: { messages, unread: 0 } }));
      room.shadowRoot!.querySelector('meeting-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('button.chat')!.click();
      await room.updateComplete;
      const height = (selector: string) => room.shadowRoot!.querySelector(selector)!.getBoundingClientRect().height;
      expect(height('aside')).to.be.above(200, 'the chat is open');
      expect(height('meeting-video-grid')).to.be.above(height('.main') * 0.3, 'the grid keeps its share');
      room.style.height = '';
      await setViewport({ width: 800, height: 600 });
    });

    it('builds the meeting behind the pre-join screen once the SFU let me in, and shows that same meeting once connected', async () => {
      await give({ ...snapshotFor('attendee', [ada]), phase: 'connecting', mediaConnecting: true });
      const root = room.shadowRoot!;
      const prejoin = root.querySelector('meeting-prejoin')!;
      expect(prejoin.checkVisibility({ visibilityProperty: true })).to.equal(true);
      const grid = root.querySelector('meeting-video-grid')!;
      await (grid as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      // Laid out, with Ada's tile (her video attaches as it arrives), but not seen, nor reachable.
      expect(grid.shadowRoot!.querySelector('meeting-video-tile[data-identity=p_a]')).to.not.equal(null);
      expect(grid.getBoundingClientRect().width).to.be.greaterThan(0);
      for (const tag of ['meeting-header', 'meeting-video-grid', 'meeting-toolbar']) expect(root.querySelector(tag)!.checkVisibility({ visibilityProperty: true }), tag).to.equal(false);
      const start = controller.calls.length;
      press('KeyM');
      expect(controller.calls.slice(start)).to.deep.equal([]);
      await expect(room).to.be.accessible();
      // Connected: the same meeting (the same elements), seen, and the pre-join screen gone.
      await give(snapshotFor('attendee', [ada]));
      expect(root.querySelector('meeting-video-grid')).to.equal(grid);
      expect(root.querySelector('meeting-prejoin')).to.equal(null);
      for (const tag of ['meeting-header', 'meeting-video-grid', 'meeting-toolbar']) expect(root.querySelector(tag)!.checkVisibility({ visibilityProperty: true }), tag).to.equal(true);
      // Before the SFU answered, only the pre-join screen.
      await give({ ...snapshotFor('attendee', [ada]), phase: 'connecting', mediaConnecting: false });
      expect(root.querySelector('meeting-prejoin')).to.not.equal(null);
      expect(root.querySelector('meeting-video-grid')).to.equal(null);
    });

    it('opens the stats panel from the header, and is accessible in both themes', async () => {
      room.shadowRoot!.querySelector('meeting-header')!.shadowRoot!.querySelector<HTMLButtonElement>('button.stats')!.click();
      await room.updateComplete;
      await waitUntil(() => room.shadowRoot!.querySelector('meeting-stats'), 'no stats panel');
      expect(controller.calls).to.include('watchStats');
      expect(room.shadowRoot!.querySelector<HTMLElement>('aside')!.hidden).to.equal(false);
      await expect(room).to.be.accessible();
      room.setAttribute('theme', 'light');
      await room.updateComplete;
      expect(getComputedStyle(room).getPropertyValue('--_bg').trim()).to.equal('#f4f6f8');
      await expect(room).to.be.accessible();
    });
  });
});
