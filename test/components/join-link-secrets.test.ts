import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/index.js';
import { MeetingController } from '../../src/client/meeting-controller.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { JoinGrant } from '../../src/protocol/join.js';
import { FakeMeetingApi, refusal } from './fixtures.js';

const CODE = 'one-time-join-code-00001';

describe('join-link secrets (issue 10)', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('<meeting-room use-page-url> takes the secrets out of the address bar once read, and keeps using them', async () => {
    const api = new FakeMeetingApi(() => refusal(2018, 'password required'));
    history.replaceState(null, '', `${location.pathname}?code=987654321&name=Ada&role=host&hk=signature&exp=4102444800&jc=${CODE}&SID=an-old-session&lang=en#top`);
    const el = await fixture<MeetingRoom>(html`<meeting-room .controller=${new MeetingController({ api })} use-page-url start-audio-off start-video-off></meeting-room>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-screen=error] form.password'), 'no password form');
    expect(location.search).to.equal('?code=987654321&name=Ada&role=host&lang=en');
    expect(location.hash).to.equal('#top');
    for (const secret of ['signature', '4102444800', CODE, 'an-old-session']) expect(location.href).to.not.contain(secret);
    const { gk: _first, ...first } = api.joins[0]!;
    expect(first).to.deep.equal({ code: '987654321', name: 'Ada', role: 'host', hk: 'signature', exp: '4102444800', jc: CODE, lang: 'en' });

    // Joining again (here with the password) still has the link's proofs: they were read before they left the address.
    el.shadowRoot!.querySelector<HTMLInputElement>('form.password input[type=password]')!.value = 'pw123';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.password')!.requestSubmit();
    await waitUntil(() => api.joins.length === 2, 'no second join request');
    expect(api.joins[1]).to.deep.include({ hk: 'signature', exp: '4102444800', jc: CODE, password: 'pw123' });
  });

  it('joins again with the fresh code the grant brought, not the spent one', async () => {
    const grant = (joinCode: string): JoinGrant => ({
      serverUrl: 'ws://127.0.0.1:9',
      token: 'x.eyJ9.y',
      identity: 'a_dana',
      name: 'Dana',
      role: 'host',
      roleDowngraded: false,
      meeting: { meetingUniqueId: 7, meetingId: '123456789', subject: 'Standup', status: 1, startTime: 0 },
      joinCode,
    });
    const api = new FakeMeetingApi((params) => grant(`${params.jc}-next`));
    const controller = new MeetingController({ api });
    await controller.prepare({ kind: 'link', server: 'https://meet.example', params: { code: '123456789', jc: CODE } }, { audio: false, video: false });
    await controller.join('Dana D').catch(() => undefined); // no SFU at ws://127.0.0.1:9: only the join requests matter
    expect(api.joins.map((j) => [j.jc, j.name, j.gk])).to.deep.equal([
      [CODE, undefined, undefined],
      [`${CODE}-next`, 'Dana D', undefined],
    ]);
    await controller.destroy();
  });
});
