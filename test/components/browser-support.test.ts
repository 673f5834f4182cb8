import { expect, oneEvent } from '@open-wc/testing';
import '../../src/components/index.js';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { unsupportedReason } from '../../src/client/browser-support.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import { FakeMeetingApi, refusal } from './fixtures.js';

/** A page in a browser without WebRTC (Debian's WebKitGTK), for the length of `fn`. */
async function withoutWebRtc(fn: () => Promise<void>): Promise<void> {
  const saved = Object.getOwnPropertyDescriptor(window, 'RTCPeerConnection')!;
  Object.defineProperty(window, 'RTCPeerConnection', { value: undefined, configurable: true, writable: true });
  try {
    await fn();
  } finally {
    Object.defineProperty(window, 'RTCPeerConnection', saved);
  }
}

async function roomIn(lang: string): Promise<{ el: MeetingRoom; api: FakeMeetingApi; code: number }> {
  const api = new FakeMeetingApi(() => refusal(2000, 'not asked'));
  const el = document.createElement('meeting-room') as MeetingRoom;
  el.controller = new MeetingController({ api });
  el.setAttribute('code', '123456789');
  el.setAttribute('lang', lang);
  const error = oneEvent(document.body, 'meeting-error');
  document.body.append(el);
  const event = (await error) as CustomEvent<{ code: number; msg: string }>;
  await el.updateComplete;
  return { el, api, code: event.detail.code };
}

describe('a browser that cannot join (issue 14)', function () {
  this.timeout(20_000); // a loaded machine; nothing here waits on a timer
  it('is told so with its own code (3103) before any pre-join, without asking the server, in English', async () => {
    await withoutWebRtc(async () => {
      const { el, api, code } = await roomIn('en');
      try {
        expect(code).to.equal(3103);
        const screen = el.shadowRoot!.querySelector('[data-screen=error]')!;
        expect(screen.getAttribute('data-code')).to.equal('3103');
        expect(screen.textContent).to.contain('This browser cannot join video meetings');
        expect(screen.textContent).to.contain('Firefox');
        expect(el.shadowRoot!.querySelector('meeting-prejoin')).to.equal(null);
        expect(api.joins).to.have.length(0);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });
  });

  it('and in Chinese', async () => {
    await withoutWebRtc(async () => {
      const { el, code } = await roomIn('zh-CN');
      try {
        expect(code).to.equal(3103);
        expect(el.shadowRoot!.querySelector('[data-screen=error]')!.textContent).to.contain('此浏览器无法加入视频会议');
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });
  });

  it('tells apart no WebRTC, no camera access, and a page that is not secure', () => {
    expect(unsupportedReason(globalThis)).to.equal(undefined);
    expect(unsupportedReason({ navigator: {} as Navigator, isSecureContext: false })).to.match(/secure page/);
    expect(unsupportedReason({ navigator: {} as Navigator, isSecureContext: true })).to.match(/getUserMedia/);
  });
});
