import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/index.js';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { MeetingClientError } from '../../src/client/join-api.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { JoinGrant, JoinRequest } from '../../src/protocol/join.js';
import { FakeMeetingApi, RecordingController, person, refusal, snapshotFor } from './fixtures.js';

/** A controller over a fake meeting server whose `POST /api/join` answers `answer`. */
function serverAnswering(answer: JoinGrant | ReturnType<typeof refusal>) {
  const api = new FakeMeetingApi(() => answer);
  return {
    controller: new MeetingController({ api }),
    /** The join requests, the guest key checked for shape and then left out (it is random per browser). */
    get seen(): JoinRequest[] {
      return api.joins.map(({ gk, ...params }) => {
        if (!/^[A-Za-z0-9_-]{16,64}$/.test(gk ?? '')) throw new Error(`bad guest key ${gk}`);
        return params;
      });
    },
  };
}

describe('<meeting-room>', () => {
  it('shows a clear error screen and fires meeting-error with the code for an unknown meeting', async () => {
    const server = serverAnswering(refusal(2000, 'Meeting not found'));
    const el = document.createElement('meeting-room') as MeetingRoom;
    el.controller = server.controller;
    el.setAttribute('code', '000000001');
    el.setAttribute('display-name', 'Ada');
    el.setAttribute('start-video-off', '');
    el.setAttribute('start-audio-off', '');
    el.setAttribute('lang', 'en');
    const errorEvent = oneEvent(document.body, 'meeting-error');
    document.body.append(el);
    try {
      const event = (await errorEvent) as CustomEvent<{ code: number; msg: string }>;
      expect(event.detail.code).to.equal(2000);
      expect(event.composed).to.equal(true);
      await el.updateComplete;
      const screen = el.shadowRoot!.querySelector('[data-screen=error]')!;
      expect(screen.getAttribute('role')).to.equal('alert');
      expect(screen.textContent).to.contain('This meeting was not found');
      expect(server.seen).to.deep.equal([{ code: '000000001', name: 'Ada' }]);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('asks for the password after 2018 and joins again with it', async () => {
    const server = serverAnswering(refusal(2018, 'password required'));
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} code="123456789" lang="en" start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error] form.password'), 'no password form');
    await expect(el).to.be.accessible();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('form.password input[type=password]')!;
    input.value = 'pw123';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.password')!.requestSubmit();
    await waitUntil(() => server.seen.length === 2, 'no second join request');
    expect(server.seen[1]).to.deep.equal({ code: '123456789', password: 'pw123' });
  });

  it('says when a meeting that has not started begins (2030), in the page language', async () => {
    const startTime = Date.UTC(2030, 0, 2, 9, 30);
    const server = serverAnswering(refusal(2030, 'not started', startTime));
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} code="123456789" lang="en" start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error] .starts'), 'no start time');
    expect(el.shadowRoot!.querySelector('[data-screen=error]')!.textContent).to.contain('has not started yet');
    expect(el.shadowRoot!.querySelector('.starts')!.textContent).to.contain('2030');
  });

  it('says a cancelled meeting was cancelled, not ended (2021 with its status)', async () => {
    const server = serverAnswering(new MeetingClientError(2021, 'The meeting was cancelled', undefined, { status: 4 }));
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} code="123456789" lang="zh-CN" start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]'), 'no error screen');
    expect(el.shadowRoot!.querySelector('[data-screen=error]')!.textContent).to.contain('会议已取消');
    // Its language is said on its own root, for screen readers on any page.
    expect(el.shadowRoot!.querySelector('.frame')!.getAttribute('lang')).to.equal('zh-CN');
  });

  it('speaks Simplified Chinese with lang="zh-CN"', async () => {
    const server = serverAnswering(refusal(2021, 'ended'));
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} code="123456789" lang="zh-CN" start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]'), 'no error screen');
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]')!.textContent!.includes('会议已结束'), 'not in Chinese');
  });

  it('reads the join link from the page address with use-page-url', async () => {
    const server = serverAnswering(refusal(2000, 'x'));
    history.replaceState(null, '', `${location.pathname}?code=987654321&name=Link%20Name&v=0&a=0&role=host&extra=dropped`);
    try {
      const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} use-page-url></meeting-room>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]'), 'no error screen');
      expect(server.seen).to.deep.equal([{ code: '987654321', name: 'Link Name', v: '0', a: '0', role: 'host' }]);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('takes a whole join link as `link` (a host link\'s proof included) and `name` as display-name; its origin is the server', async () => {
    const api = new FakeMeetingApi(() => refusal(2000, 'x'));
    const link = 'https://meet.example.test/join?code=123456789&role=host&hk=c2lnbmF0dXJl&exp=1893456000&v=0&unknown=1';
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} link=${link} name="Ada" start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error]'), 'no error screen');
    const { gk: _gk, ...params } = api.joins[0]!;
    expect(params).to.deep.equal({ code: '123456789', role: 'host', hk: 'c2lnbmF0dXJl', exp: '1893456000', v: '0', name: 'Ada' });
    expect(api.servers[0]).to.equal('https://meet.example.test');
  });

  it('shows the pre-join screen with the role and the downgrade notice', async () => {
    const server = serverAnswering({
      serverUrl: 'ws://127.0.0.1:9',
      token: 'x.eyJ9.y',
      identity: 'p_x',
      name: 'Mal',
      role: 'attendee',
      roleDowngraded: true,
      meeting: { meetingUniqueId: 1, meetingId: '123456789', subject: 'Standup', status: 1, startTime: 0 },
    });
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${server.controller} code="123456789" start-audio-off start-video-off lang="en"></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('meeting-prejoin')?.shadowRoot?.querySelector('[data-notice=role-downgraded]'), 'no notice');
    const prejoin = el.shadowRoot!.querySelector('meeting-prejoin')!.shadowRoot!;
    expect(prejoin.querySelector('.role')!.getAttribute('data-role')).to.equal('attendee');
    expect(prejoin.querySelector('.subject')!.textContent).to.equal('Standup');
    expect((prejoin.querySelector('input[name=name]') as HTMLInputElement).value).to.equal('Mal');
    expect(prejoin.querySelector('label input[name=name]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<meeting-room custom-layout>', () => {
  it('shows the page’s own sub-elements in the meeting, driven by the room’s controller (SPEC E1)', async () => {
    const controller = new RecordingController();
    const el = await fixture<MeetingRoom>(html`<meeting-room custom-layout .controller=${controller} lang="en"><meeting-roster></meeting-roster><meeting-toolbar></meeting-toolbar></meeting-room>`);
    controller.dispatchEvent(new CustomEvent('change', { detail: snapshotFor('host', [person({ identity: 'p_ada', name: 'Ada' })]) }));
    const roster = el.querySelector('meeting-roster')!;
    await waitUntil(() => roster.shadowRoot?.querySelector('li[data-identity=p_ada]'), 'the roster outside the shadow tree did not get the meeting');
    expect(el.shadowRoot!.querySelector('meeting-video-grid')).to.equal(null, 'no built-in grid');
    expect(el.shadowRoot!.querySelector('.custom slot')).to.not.equal(null);
    (el.querySelector('meeting-toolbar')!.shadowRoot!.querySelector('button.mic') as HTMLButtonElement).click();
    await waitUntil(() => controller.calls.includes('toggleMic'), 'the toolbar did not act on the room');
    await expect(el).to.be.accessible();
  });
});

describe('<meeting-room link>', () => {
  it('says at once when the link names no meeting or is not a web address (SPEC J2); the link’s lang is the room’s', async () => {
    for (const link of ['https://meet.example.test/join?name=Ada&lang=zh-CN', 'javascript:alert(1)']) {
      const api = new FakeMeetingApi(() => refusal(2000, 'x'));
      const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} link=${link} lang=${link.startsWith('https') ? '' : 'en'} start-audio-off start-video-off></meeting-room>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error][data-code="301"]'), `no 301 screen for ${link}`);
      expect(api.joins).to.deep.equal([], 'nothing asked of a server');
      if (link.startsWith('https')) expect(el.shadowRoot!.querySelector('[data-screen=error]')!.textContent).to.contain('链接不完整');
    }
  });
});
