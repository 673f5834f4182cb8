import { expect } from '@open-wc/testing';
import { MeetingFrame, MeetingFrameError } from '../../src/embed/meeting-frame.js';

/** The portal's helper in a real browser, with a stand-in frame of this origin that answers like the bridge. */
describe('MeetingFrame (the iframe helper)', () => {
  let container: HTMLDivElement;
  const frames: MeetingFrame[] = [];
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    frames.splice(0).forEach((f) => f.destroy());
    container.remove();
  });

  function create(options: Parameters<typeof MeetingFrame.create>[1] = {}): MeetingFrame {
    const frame = MeetingFrame.create(container, { server: location.origin, code: '123456789', ...options });
    frames.push(frame);
    return frame;
  }

  /** Runs `source` inside the frame's document, as the bridge would run there. */
  async function inFrame(frame: MeetingFrame, source: string): Promise<void> {
    if (frame.iframe.contentDocument?.readyState !== 'complete' || frame.iframe.contentWindow?.location.pathname !== '/embed') {
      await new Promise((resolve) => frame.iframe.addEventListener('load', resolve, { once: true }));
    }
    (frame.iframe.contentWindow as unknown as { eval(s: string): void }).eval(source);
  }

  /** A stand-in bridge: ready, then each command answered (`leave` refused with 2100). */
  const standIn = `
    addEventListener('message', (e) => {
      const c = e.data;
      if (c.type !== 'command') return;
      parent.postMessage(c.name === 'leave'
        ? { v: 1, type: 'reply', id: c.id, ok: false, error: { code: 2100, message: 'not host' } }
        : { v: 1, type: 'reply', id: c.id, ok: true, result: { name: c.name, args: c.args } }, location.origin);
    });
    parent.postMessage({ v: 1, type: 'event', name: 'ready', data: { version: 1 } }, location.origin);
    parent.postMessage({ v: 1, type: 'event', name: 'meeting-joined', data: { identity: 'u-1', role: 'attendee' } }, location.origin);
  `;

  it('makes the iframe with the permissions a meeting needs and the join link in its address', () => {
    const frame = create({ name: 'Ada', lang: 'zh-CN', audio: false, listenOnly: true, params: { sign: 's1' }, title: 'Weekly' });
    expect(frame.iframe.allow).to.equal('camera; microphone; display-capture; autoplay; clipboard-write');
    expect(frame.iframe.title).to.equal('Weekly');
    const src = new URL(frame.iframe.src);
    expect(src.origin + src.pathname).to.equal(`${location.origin}/embed`);
    expect(Object.fromEntries(src.searchParams)).to.deep.equal({ sign: 's1', code: '123456789', name: 'Ada', lang: 'zh-CN', a: '0', lo: '1' });
  });

  it('sends commands once the frame is ready, resolves replies, rejects refusals with their code, and hands out events', async () => {
    const frame = create();
    const seen: Array<[string, unknown]> = [];
    frame.on('*', (data, name) => seen.push([name, data]));
    const joined = new Promise((resolve) => frame.on('meeting-joined', resolve));
    const mic = frame.toggleMic(false);
    await inFrame(frame, standIn);
    expect(await mic).to.deep.equal({ name: 'toggleMic', args: [false] });
    expect(await joined).to.deep.equal({ identity: 'u-1', role: 'attendee' });
    expect(await frame.host.mute('u-2')).to.deep.equal({ name: 'host.mute', args: ['u-2'] });
    const refused = await frame.leave().then(() => undefined, (e: unknown) => e);
    expect(refused).to.be.instanceOf(MeetingFrameError);
    expect((refused as MeetingFrameError).code).to.equal(2100);
    expect(seen.map(([name]) => name)).to.deep.equal(['ready', 'meeting-joined']);
    expect(await frame.command('hello')).to.deep.equal({ name: 'hello', args: [] });
  });

  it('takes nothing from another window: an answer must come from its frame, else the command times out with 3102', async () => {
    const frame = create({ timeoutMs: 300 });
    await inFrame(frame, `parent.postMessage({ v: 1, type: 'event', name: 'ready', data: {} }, location.origin);`);
    await frame.ready;
    const pending = frame.getSnapshot().then(() => undefined, (e: unknown) => e);
    // The right shape, from the portal's own window rather than the frame: ignored.
    for (const id of ['c1', 'c2', 'c3']) window.postMessage({ v: 1, type: 'reply', id, ok: true, result: 'forged' }, location.origin);
    const error = (await pending) as MeetingFrameError;
    expect(error).to.be.instanceOf(MeetingFrameError);
    expect(error.code).to.equal(3102);
  });

  it('destroy removes the frame and fails what is pending with 3102', async () => {
    const frame = create();
    const pending = frame.join().then(() => undefined, (e: unknown) => e);
    frame.destroy();
    expect(container.querySelector('iframe')).to.equal(null);
    expect(((await pending) as MeetingFrameError).code).to.equal(3102);
    expect(((await frame.leave().then(() => undefined, (e: unknown) => e)) as MeetingFrameError).code).to.equal(3102);
  });
});
