import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/components/index.js';
import { MeetingClientError } from '../../src/client/join-api.js';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { initialDevices, type MeetingSnapshot } from '../../src/client/snapshot.js';
import { setLocale } from '../../src/components/i18n/localization.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { JoinGrant, JoinRequest } from '../../src/protocol/join.js';
import { FakeMeetingApi, RecordingController, person, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_a', name: 'Ada', micOn: true });

/** The room is given its snapshots by the test alone (the grid's size would answer with the controller's own). */
class GivenController extends RecordingController {
  override setViewport() {}
}

/** A `<meeting-room>` in the meeting, its snapshots given by `give`. */
async function inMeeting(template: (controller: MeetingController) => TemplateResult = (c) => html`<meeting-room .controller=${c} lang="en"></meeting-room>`) {
  const controller = new GivenController();
  const room = await fixture<MeetingRoom>(template(controller));
  const give = async (snapshot: MeetingSnapshot) => {
    controller.dispatchEvent(new CustomEvent('change', { detail: snapshot }));
    await room.updateComplete;
  };
  await give(snapshotFor('host', [ada]));
  return { room, controller, give, root: room.shadowRoot! };
}

const press = (code: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, bubbles: true, composed: true, cancelable: true }));

function grant(code: string, over: Partial<JoinGrant> = {}): JoinGrant {
  return {
    serverUrl: 'ws://127.0.0.1:9',
    token: 'x.eyJ9.y',
    identity: `p_${code}`,
    name: 'Hana',
    role: 'host',
    roleDowngraded: false,
    meeting: { meetingUniqueId: Number(code.slice(-3)), meetingId: code, subject: `Meeting ${code}`, status: 1, startTime: 0 },
    ...over,
  };
}

describe('<meeting-room> API', () => {
  afterEach(() => setLocale('en'));

  describe('events', () => {
    it('fire from the snapshot changes, typed, bubbling and composed, with the identity', async () => {
      const { room, give } = await inMeeting();
      const bob = person({ identity: 'p_b', name: 'Bob', micOn: false });
      const joined = oneEvent(document, 'meeting-participant-joined');
      const changed = oneEvent(room, 'meeting-snapshot-change');
      await give(snapshotFor('host', [ada, bob]));
      const event = await joined;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ identity: 'p_b', name: 'Bob', isLocal: false, role: 'attendee', micOn: false, cameraOn: false, screenOn: false });
      expect((await changed).detail).to.equal(room.snapshot);

      const mic = oneEvent(room, 'meeting-mic-change');
      const hand = oneEvent(room, 'meeting-hand-change');
      await give(snapshotFor('host', [{ ...ada, micOn: false, handAt: 3 }, bob]));
      expect((await mic).detail).to.deep.equal({ identity: 'p_a', name: 'Ada', isLocal: false, on: false });
      expect((await hand).detail.raised).to.equal(true);

      const waiting = oneEvent(room, 'meeting-waiting-added');
      await give(snapshotFor('host', [ada, bob], { waitingQueue: [{ identity: 'g_w', name: 'Wen', since: 1 }] }));
      expect((await waiting).detail.identity).to.equal('g_w');

      const left = oneEvent(room, 'meeting-left');
      const state = oneEvent(room, 'meeting-connection-change');
      await give({ ...snapshotFor('host', []), phase: 'left', leftReason: 'room_deleted' });
      expect((await state).detail).to.deep.equal({ state: 'left', previous: 'connected' });
      expect((await left).detail.reason).to.equal('room_deleted');
    });

    it('the snapshot is read only', async () => {
      const { room } = await inMeeting();
      const before = room.snapshot;
      expect(() => ((room as unknown as { snapshot: unknown }).snapshot = null)).to.throw(TypeError);
      expect(room.snapshot).to.equal(before);
      expect(room.snapshot.participants.map((p) => p.identity)).to.deep.equal(['me', 'p_a']);
    });
  });

  describe('hide', () => {
    it('leaves out the features named, and their shortcuts', async () => {
      const { root, controller } = await inMeeting((c) => html`<meeting-room .controller=${c} lang="en" hide="chat roster share hand leave stats"></meeting-room>`);
      const toolbar = root.querySelector('meeting-toolbar')!;
      await toolbar.updateComplete;
      const buttons = [...toolbar.shadowRoot!.querySelectorAll('button[part~=button]')].map((b) => b.className);
      expect(buttons).to.deep.equal(['mic', 'camera', 'settings']);
      expect(root.querySelector('meeting-header')!.shadowRoot!.querySelector('button.stats')).to.equal(null);
      expect(root.querySelector('meeting-chat')).to.equal(null);
      expect(root.querySelector('meeting-roster')).to.equal(null);
      expect(root.querySelector('[role=tablist]')).to.equal(null);
      const start = controller.calls.length;
      for (const code of ['KeyH', 'KeyL', 'KeyP', 'KeyM']) press(code);
      await toolbar.updateComplete;
      expect(controller.calls.slice(start)).to.deep.equal(['toggleMic']);
      expect(root.querySelector<HTMLElement>('aside')!.hidden).to.equal(true);
      await expect(root.querySelector('meeting-toolbar')).to.be.accessible();
    });

    it('set while a hidden panel is open, closes it', async () => {
      const { room, root } = await inMeeting();
      press('KeyP');
      await room.updateComplete;
      expect(root.querySelector<HTMLElement>('aside')!.hidden).to.equal(false);
      room.hide = 'roster';
      await room.updateComplete;
      expect(root.querySelector<HTMLElement>('aside')!.hidden).to.equal(true);
      expect(root.querySelector('meeting-roster')).to.equal(null);
    });

    it('shows everything without it', async () => {
      const { root } = await inMeeting();
      const toolbar = root.querySelector('meeting-toolbar')!;
      const buttons = [...toolbar.shadowRoot!.querySelectorAll('button[part~=button]')].map((b) => b.className);
      expect(buttons).to.deep.equal(['mic', 'camera', 'share', 'hand', 'people', 'chat', 'settings', 'leave']);
      expect(root.querySelectorAll('[role=tab]').length).to.equal(2);
    });
  });

  describe('slots', () => {
    it('put the page’s branding in the header and its buttons in the toolbar, keyboard reachable and accessible', async () => {
      let clicked = 0;
      const { room, root } = await inMeeting(
        (c) => html`<meeting-room .controller=${c} lang="en"><img slot="branding" alt="Acme" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /><button slot="toolbar-extra" class="extra" @click=${() => clicked++}>Record</button></meeting-room>`,
      );
      const header = root.querySelector('meeting-header')!;
      await header.updateComplete;
      const branding = header.shadowRoot!.querySelector<HTMLElement>('[part=branding]')!;
      await waitUntil(() => !branding.hidden, 'branding stays hidden');
      const logo = header.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=branding]')!.assignedElements({ flatten: true });
      expect(logo.map((e) => e.getAttribute('alt'))).to.deep.equal(['Acme']);
      const toolbar = root.querySelector('meeting-toolbar')!;
      const extra = toolbar.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=extra]')!.assignedElements({ flatten: true });
      expect(extra.map((e) => e.textContent)).to.deep.equal(['Record']);
      // In the toolbar's order: after the device settings, before Leave.
      const order = [...toolbar.shadowRoot!.querySelector('[role=toolbar]')!.children].map((e) => e.className || e.localName);
      expect(order.slice(-3)).to.deep.equal(['settings', 'slot', 'leave']);
      room.querySelector<HTMLButtonElement>('button.extra')!.click();
      expect(clicked).to.equal(1);
      await expect(room).to.be.accessible();
    });

    it('keeps the branding place hidden when the page gives none', async () => {
      const { root } = await inMeeting();
      const header = root.querySelector('meeting-header')!;
      await header.updateComplete;
      expect(header.shadowRoot!.querySelector<HTMLElement>('[part=branding]')!.hidden).to.equal(true);
    });
  });

  describe('parts', () => {
    it('every part of the children named in the JSDoc is reachable with ::part() from the page', async () => {
      const { room, give } = await inMeeting((c) => html`<meeting-room .controller=${c} lang="en" class="styled"></meeting-room>`);
      const cameras = [
        { deviceId: 'c1', label: 'Front' },
        { deviceId: 'c2', label: 'Back' },
      ];
      await give(snapshotFor('host', [ada], { devices: { ...initialDevices, cameras } }));
      await room.shadowRoot!.querySelector('meeting-toolbar')!.updateComplete;
      const style = document.createElement('style');
      const parts = ['header', 'branding', 'toolbar-button', 'leave', 'settings-dialog', 'device-select', 'device-flip', 'chat-log', 'chat-form', 'rename-dialog', 'person', 'tab', 'stage'];
      style.textContent = parts.map((p) => `meeting-room.styled::part(${p}) { outline-color: rgb(1, 2, 3); }`).join('\n');
      document.head.append(style);
      try {
        const styled = (selector: (root: ShadowRoot) => Element | null | undefined) => getComputedStyle(selector(room.shadowRoot!)!).outlineColor;
        const toolbar = (r: ShadowRoot) => r.querySelector('meeting-toolbar')!.shadowRoot!;
        expect(styled((r) => r.querySelector('meeting-header')!.shadowRoot!.querySelector('[part=header]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-header')!.shadowRoot!.querySelector('[part=branding]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => toolbar(r).querySelector('button.mic'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => toolbar(r).querySelector('button.leave'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => toolbar(r).querySelector('dialog'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => toolbar(r).querySelector('meeting-device-settings')!.shadowRoot!.querySelector('[part~=select]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => toolbar(r).querySelector('meeting-device-settings')!.shadowRoot!.querySelector('[part~=flip]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-chat')!.shadowRoot!.querySelector('[part~=log]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-chat')!.shadowRoot!.querySelector('[part~=form]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-roster')!.shadowRoot!.querySelector('meeting-rename-dialog')!.shadowRoot!.querySelector('[part~=dialog]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-roster')!.shadowRoot!.querySelector('[part~=person]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('[part=tab]'))).to.equal('rgb(1, 2, 3)');
        expect(styled((r) => r.querySelector('meeting-video-grid')!.shadowRoot!.querySelector('[part~=stage]'))).to.equal('rgb(1, 2, 3)');
      } finally {
        style.remove();
      }
    });
  });

  describe('methods', () => {
    it('toggleMic(on) and toggleCamera(on) on the pre-join screen resolve with the state; raiseHand and host reach the server; join rejects typed', async function () {
      // The failed connection to the SFU is retried by livekit-client before it gives up.
      this.timeout(60_000);
      const api = new FakeMeetingApi((params) => grant(params.code ?? ''));
      const room = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} code="123456789" lang="en" start-video-off></meeting-room>`);
      await waitUntil(() => room.snapshot.phase === 'prejoin' && room.snapshot.meeting, 'no pre-join');
      expect(await room.toggleMic(false)).to.equal(false);
      expect(room.snapshot.preview.micOn).to.equal(false);
      expect(await room.toggleMic()).to.equal(true);
      expect(room.snapshot.preview.audioTrack).to.not.equal(undefined);
      expect(await room.toggleCamera(true)).to.equal(true);
      expect(await room.toggleCamera(false)).to.equal(false);
      expect(await room.raiseHand(true)).to.equal(true);
      expect(await room.host.mute('p_x')).to.equal(true);
      expect(api.seen.filter((c) => c.call !== 'waiting')).to.deep.equal([
        { call: 'hand', body: { raised: true } },
        { call: 'control', body: { action: 'mute', target: 'p_x' } },
      ]);
      const error = oneEvent(room, 'meeting-error');
      // Nothing listens on 127.0.0.1:9: the join fails, and says so with its code.
      const failure = await room.join('Hana').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).to.be.instanceOf(MeetingClientError);
      expect((failure as MeetingClientError).code).to.equal(3101);
      expect((await error).detail.code).to.equal(3101);
      const share = await room.toggleShare(true).catch((err: MeetingClientError) => err.code);
      expect(share).to.equal(2101);
    });

    it('a link without a name: the grant with the name typed is asked for once the person pauses, and the Join click does not ask again', async () => {
      const api = new FakeMeetingApi((params) => grant(params.code ?? '', { name: params.name ?? '' }));
      const room = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} code="123456789" lang="en" start-video-off start-audio-off></meeting-room>`);
      await waitUntil(() => room.snapshot.phase === 'prejoin' && room.snapshot.meeting, 'no pre-join');
      const prejoin = room.shadowRoot!.querySelector('meeting-prejoin')!;
      await (prejoin as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const input = prejoin.shadowRoot!.querySelector<HTMLInputElement>('input[name=name]')!;
      for (const typed of ['G', 'Gr', 'Grace']) {
        input.value = typed;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      await waitUntil(() => api.joins.length === 2, 'no grant asked for with the name');
      expect(api.joins.map((j) => j.name)).to.deep.equal([undefined, 'Grace']);
      expect(room.snapshot.me?.name).to.equal('Grace');
      prejoin.shadowRoot!.querySelector<HTMLButtonElement>('button.join')!.click();
      await waitUntil(() => room.snapshot.phase !== 'prejoin', 'the click did not join');
      await new Promise((r) => setTimeout(r, 100));
      expect(api.joins.length, 'a second request at the click').to.equal(2);
      await room.leave();
    });

    it('a refusal of the server rejects with its code (and is a meeting-error)', async () => {
      const api = new FakeMeetingApi((params) => grant(params.code ?? ''));
      api.hand = async () => {
        throw new MeetingClientError(2101, 'not in the meeting');
      };
      const room = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} code="123456789" lang="en" start-audio-off start-video-off></meeting-room>`);
      await waitUntil(() => room.snapshot.phase === 'prejoin' && room.snapshot.meeting, 'no pre-join');
      const error = oneEvent(room, 'meeting-error');
      const code = await room.raiseHand(true).then(
        () => 'resolved',
        (err: MeetingClientError) => err.code,
      );
      expect(code).to.equal(2101);
      expect((await error).detail).to.deep.equal({ code: 2101, msg: 'not in the meeting' });
    });
  });

  describe('a new code after the start', () => {
    it('(a new display-name in the meeting renames me instead)', async () => {
      const { room, controller } = await inMeeting();
      room.displayName = 'Zed';
      await room.updateComplete;
      expect(controller.log.filter((c) => c.name === 'renameMe')).to.deep.equal([{ name: 'renameMe', args: ['Zed'] }]);
    });

    it('on the pre-join screen: the new meeting’s pre-join screen', async () => {
      const api = new FakeMeetingApi((params) => grant(params.code ?? ''));
      const room = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} code="111111111" lang="en" start-audio-off start-video-off></meeting-room>`);
      await waitUntil(() => room.snapshot.meeting?.meetingId === '111111111', 'not in the first meeting');
      room.setAttribute('code', '222222222');
      await waitUntil(() => room.snapshot.meeting?.meetingId === '222222222' && room.snapshot.phase === 'prejoin', 'not in the second meeting');
      const prejoin = room.shadowRoot!.querySelector('meeting-prejoin')!;
      await waitUntil(() => prejoin.shadowRoot!.querySelector('.subject')?.textContent === 'Meeting 222222222', 'the pre-join screen shows the first meeting');
      expect(api.joins.map((j: JoinRequest) => j.code)).to.deep.equal(['111111111', '222222222']);
    });

    it('in the meeting (here its waiting room): leaves it and goes into the new one', async () => {
      const api = new FakeMeetingApi((params) => grant(params.code ?? '', { token: '', waitingTicket: `T${params.code}`, name: params.name ?? 'Hana' }));
      const room = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} code="111111111" lang="en" start-audio-off start-video-off></meeting-room>`);
      await waitUntil(() => room.snapshot.phase === 'prejoin' && room.snapshot.meeting, 'no pre-join');
      const waiting = oneEvent(room, 'meeting-me-waiting');
      const firstJoin = room.join('Wendy').catch((err: MeetingClientError) => err.code);
      await waiting;
      const first = api.pendingWait!;
      expect(first.ticket).to.equal('T111111111');
      const left = oneEvent(room, 'meeting-left');
      room.code = '222222222';
      await first.aborted;
      expect((await left).detail.reason).to.equal('left');
      expect(await firstJoin).to.equal(2101);
      await waitUntil(() => api.pendingWait !== first && api.pendingWait?.ticket === 'T222222222', 'not waiting in the second meeting');
      expect(room.snapshot.phase).to.equal('waiting');
      expect(room.snapshot.meeting?.meetingId).to.equal('222222222');
      expect(api.joins.map((j: JoinRequest) => [j.code, j.name])).to.deep.equal([
        ['111111111', undefined],
        ['111111111', 'Wendy'],
        ['222222222', undefined],
        ['222222222', 'Wendy'],
      ]);
      await room.leave();
    });
  });
});
