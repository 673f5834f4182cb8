import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConsoleApi } from '../../src/client/console-api.js';
import { MeetingClientError } from '../../src/client/join-api.js';
import '../../src/components/console.js';
import type { MeetingConsole } from '../../src/components/meeting-console/meeting-console.js';
import type { MeetingConsoleLive } from '../../src/components/meeting-console/meeting-console-live.js';
import type { MeetingConsoleLogin } from '../../src/components/meeting-console/meeting-console-login.js';
import type { MeetingConsoleMeetingForm } from '../../src/components/meeting-console/meeting-console-meeting-form.js';
import type { MeetingConsoleMeetings } from '../../src/components/meeting-console/meeting-console-meetings.js';
import type { MeetingConsoleRooms } from '../../src/components/meeting-console/meeting-console-rooms.js';
import type { MeetingConsoleSettings } from '../../src/components/meeting-console/meeting-console-settings.js';
import type { MeetingConsoleUsers } from '../../src/components/meeting-console/meeting-console-users.js';
import { ErrorCode } from '../../src/protocol/errors.js';
import type { MeetingDto } from '../../src/protocol/meeting.js';
import type { UserDto } from '../../src/protocol/users.js';

/** The console's API with the network replaced by canned answers; it records every call. */
class FakeConsoleApi extends ConsoleApi {
  calls: Array<{ path: string; body: any }> = [];
  answers: Record<string, unknown | ((body: any) => unknown)> = {};
  constructor() {
    super('https://meet.example');
  }
  override async call<T>(path: string, body: unknown = {}): Promise<T> {
    this.calls.push({ path, body });
    const answer = this.answers[path];
    const value = typeof answer === 'function' ? (answer as (b: unknown) => unknown)(body) : answer;
    if (value instanceof MeetingClientError) throw value;
    return value as T;
  }
  called(path: string) {
    return this.calls.filter((c) => c.path === path);
  }
}

const settle = () => new Promise((r) => setTimeout(r));
const alice: UserDto = { userId: 'a1a1a1a1a1a1a1a1', name: 'alice', displayName: 'Alice', isAdmin: false, personalMeetingId: '1234567890' };
const admin: UserDto = { ...alice, userId: 'b2b2b2b2b2b2b2b2', name: 'admin', displayName: 'Admin', isAdmin: true };

function meeting(overrides: Partial<MeetingDto> = {}): MeetingDto {
  return {
    meetingUniqueId: 7,
    meetingId: '123456789',
    subject: 'Planning',
    startTime: Date.UTC(2026, 0, 5, 9),
    endTime: -1,
    password: '',
    settings: {},
    status: 1,
    type: 1,
    hostLink: 'https://meet.example/join?code=123456789&role=host&hk=x&exp=1',
    guestLink: 'https://meet.example/join?code=123456789',
    meetingType: 2,
    definition: '480p',
    numberLimit: 200,
    isPublic: true,
    waitingRoom: false,
    invitees: [],
    topics: [],
    ...overrides,
  };
}

// Axe on a busy two-core machine may take longer than mocha's default 2 s (not a timed assertion).
describe('<meeting-console-login>', function () {
  this.timeout(10_000);
  it('signs in with the name and password and fires meeting-signed-in; a refusal is told in the status line', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/user/login'] = new MeetingClientError(ErrorCode.AUTH_FAILED, 'The name or the password is wrong');
    const el = await fixture<MeetingConsoleLogin>(html`<meeting-console-login .api=${api}></meeting-console-login>`);
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name=name]')!.value = ' alice ';
    root.querySelector<HTMLInputElement>('input[name=password]')!.value = 'wrong one';
    root.querySelector('form')!.requestSubmit();
    await settle();
    await el.updateComplete;
    expect(root.querySelector('[role=status]')!.textContent).to.contain('The name or the password is wrong (401)');
    expect(api.called('/v1/user/login')[0]!.body).to.deep.equal({ name: 'alice', password: 'wrong one' });
    api.answers['/v1/user/login'] = { SID: 's'.repeat(32), user: alice, company: 'Acme' };
    const signedIn = oneEvent(el, 'meeting-signed-in');
    root.querySelector('form')!.requestSubmit();
    const event = await signedIn;
    expect(event.detail).to.deep.equal({ sid: 's'.repeat(32), user: alice, company: 'Acme' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(root.querySelector<HTMLInputElement>('input[name=password]')!.value).to.equal('');
  });
});

describe('<meeting-console-meeting-form>', () => {
  it('collects a scheduled meeting with every M1 field into the create body', async () => {
    const el = await fixture<MeetingConsoleMeetingForm>(html`<meeting-console-meeting-form></meeting-console-meeting-form>`);
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    const field = <T extends HTMLElement = HTMLInputElement>(name: string) => root.querySelector<T>(`[name=${name}]`)! as unknown as T & { value: string; checked: boolean };
    // The defaults of SPEC M1 are what the form starts from.
    expect([field('definition').value, field('meetingType').value, field('numberLimit').value, field('audioOff').value]).to.deep.equal(['480p', '2', '200', '0']);
    const type = field<HTMLSelectElement>('type');
    type.value = '3';
    type.dispatchEvent(new Event('change'));
    await el.updateComplete;
    field('subject').value = 'Quarterly review';
    field('startTime').value = '2030-03-01T10:00';
    field('endTime').value = '2030-03-01T11:30';
    field('password').value = 'abc123';
    field('meetingType').value = '3';
    field('definition').value = '720p';
    field('numberLimit').value = '50';
    field('maxHosts').value = '1';
    field('isPublic').checked = false;
    field('waitingRoom').checked = true;
    field('audioOff').value = '2';
    field('audioSelfOn').checked = false;
    field('videoOff').value = '1';
    field('invitees').value = 'acc-1 host\nacc-2\nacc-3 audience';
    field('topics').value = 'Numbers: the quarter in figures\nQuestions';
    const saved = oneEvent(el, 'meeting-save');
    root.querySelector('form')!.requestSubmit();
    const { detail } = await saved;
    expect(detail.meeting).to.equal(undefined);
    expect(detail.body).to.deep.equal({
      type: 3,
      subject: 'Quarterly review',
      password: 'abc123',
      startTime: new Date('2030-03-01T10:00').getTime(),
      endTime: new Date('2030-03-01T11:30').getTime(),
      meetingType: 3,
      definition: '720p',
      numberLimit: 50,
      isPublic: false,
      waitingRoom: true,
      settings: {
        controls: [
          { type: 'audio', attendeeOff: 2, allowSelfOn: false },
          { type: 'video', attendeeOff: 1, allowSelfOn: true },
        ],
        scene: { roleTypes: [{ roleType: 2, maxCount: 1 }] },
      },
      invitees: [
        { accountId: 'acc-1', role: 'host' },
        { accountId: 'acc-2', role: 'attendee' },
        { accountId: 'acc-3', role: 'audience' },
      ],
      topics: [
        { title: 'Numbers', content: 'the quarter in figures' },
        { title: 'Questions', content: '' },
      ],
    });
  });

  it('edits: starts from the meeting, sends no kind, and a blank password clears it', async () => {
    const m = meeting({ subject: 'Old', password: '999', waitingRoom: true, definition: '240p', settings: { controls: [{ type: 'video', state: 0, attendeeOff: 2, allowSelfOn: false }] }, topics: [{ title: 'A', content: 'b' }] });
    const el = await fixture<MeetingConsoleMeetingForm>(html`<meeting-console-meeting-form .meeting=${m}></meeting-console-meeting-form>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('[name=type]')).to.equal(null);
    expect(root.querySelector<HTMLInputElement>('[name=subject]')!.value).to.equal('Old');
    expect(root.querySelector<HTMLInputElement>('[name=waitingRoom]')!.checked).to.equal(true);
    expect(root.querySelector<HTMLTextAreaElement>('[name=topics]')!.value).to.equal('A: b');
    expect(root.querySelector<HTMLSelectElement>('[name=definition]')!.value).to.equal('240p');
    expect(root.querySelector<HTMLSelectElement>('[name=videoOff]')!.value).to.equal('2');
    expect(root.querySelector<HTMLInputElement>('[name=videoSelfOn]')!.checked).to.equal(false);
    root.querySelector<HTMLInputElement>('[name=password]')!.value = '';
    const saved = oneEvent(el, 'meeting-save');
    root.querySelector('form')!.requestSubmit();
    const { detail } = await saved;
    expect(detail.meeting).to.equal(m);
    expect(detail.body.type).to.equal(undefined);
    expect(detail.body.password).to.equal('');
    expect(detail.body.subject).to.equal('Old');
  });
});

describe('<meeting-console-meetings>', () => {
  async function mount(meetings: MeetingDto[], bundle: { src: string; integrity?: string } = { src: '/assets/meeting-room.js' }) {
    const api = new FakeConsoleApi();
    api.answers['/v2/meeting/list'] = { meetings, totalNum: meetings.length, totalPages: 1, pageIndex: 0 };
    const el = await fixture<MeetingConsoleMeetings>(html`<meeting-console-meetings .api=${api} .user=${alice} .bundle=${bundle}></meeting-console-meetings>`);
    await settle();
    await el.updateComplete;
    return { api, el, root: el.shadowRoot! };
  }

  it('lists the meetings, copies the guest, host and embed snippets (with the SRI hash when known)', async () => {
    const copied: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    try {
      const { el, root } = await mount([meeting(), meeting({ meetingUniqueId: 8, meetingId: '222333444', subject: 'Done', status: 3 })], { src: '/assets/meeting-room.abc123.js', integrity: 'sha384-xyz' });
      await expect(el).to.be.accessible();
      const rows = root.querySelectorAll('tbody tr');
      expect(rows.length).to.equal(2);
      expect(rows[1]!.querySelector('[data-action=copy-guest]'), 'nothing to copy for an ended meeting').to.equal(null);
      const first = rows[0]!;
      first.querySelector<HTMLButtonElement>('[data-action=copy-guest]')!.click();
      await settle();
      first.querySelector<HTMLButtonElement>('[data-action=copy-host]')!.click();
      await settle();
      first.querySelector<HTMLButtonElement>('[data-action=copy-embed]')!.click();
      await settle();
      await el.updateComplete;
      expect(copied[0]).to.equal('https://meet.example/join?code=123456789');
      expect(copied[1]).to.contain('role=host');
      expect(copied[2]).to.equal(
        '<script type="module" src="https://meet.example/assets/meeting-room.abc123.js" integrity="sha384-xyz" crossorigin="anonymous"></script>\n<meeting-room server="https://meet.example" code="123456789"></meeting-room>',
      );
      expect(root.querySelector('[role=status]')!.textContent).to.contain('Embed code copied');
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('creates from the form, cancels a meeting not started, ends one in progress, and reloads the list', async () => {
    const { api, root, el } = await mount([meeting(), meeting({ meetingUniqueId: 9, meetingId: '999888777', subject: 'Live', status: 2 })]);
    api.answers['/v2/meeting/create'] = meeting({ meetingId: '555666777' });
    const form = root.querySelector('meeting-console-meeting-form')!;
    form.shadowRoot!.querySelector<HTMLInputElement>('[name=subject]')!.value = 'Standup';
    form.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle();
    await el.updateComplete;
    expect(api.called('/v2/meeting/create')[0]!.body).to.include({ type: 1, subject: 'Standup' });
    expect(root.querySelector('[role=status]')!.textContent).to.contain('555666777');
    root.querySelector<HTMLButtonElement>('tr[data-meeting="7"] [data-action=cancel]')!.click();
    await settle();
    expect(api.called('/v2/meeting/cancel')[0]!.body).to.deep.equal({ meetingUniqueId: 7 });
    expect(root.querySelector('tr[data-meeting="9"] [data-action=cancel]')).to.equal(null);
    root.querySelector<HTMLButtonElement>('tr[data-meeting="9"] [data-action=end]')!.click();
    await settle();
    expect(api.called('/v2/meeting/deleteByMeetingUniqueId')[0]!.body).to.deep.equal({ meetingUniqueId: 9 });
    expect(api.called('/v2/meeting/list').length).to.equal(4);
  });

  it('edits through the same form; a refusal keeps the form open and says why', async () => {
    const { api, root, el } = await mount([meeting()]);
    root.querySelector<HTMLButtonElement>('[data-action=edit]')!.click();
    await el.updateComplete;
    const form = root.querySelector('meeting-console-meeting-form')!;
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('h3')!.textContent).to.contain('Edit meeting');
    api.answers['/v2/meeting/edit'] = new MeetingClientError(2025 as ErrorCode, 'The meeting is over');
    form.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle();
    await el.updateComplete;
    expect(api.called('/v2/meeting/edit')[0]!.body.meetingUniqueId).to.equal(7);
    expect(root.querySelector('[role=status]')!.textContent).to.contain('The meeting is over (2025)');
    expect(form.meeting?.meetingUniqueId).to.equal(7);
  });

  it('a session that ended sends the person back to sign in (meeting-signed-out)', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v2/meeting/list'] = new MeetingClientError(ErrorCode.AUTH_FAILED, 'The session has expired: sign in again');
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const out = oneEvent(holder, 'meeting-signed-out');
    const el = document.createElement('meeting-console-meetings');
    el.api = api;
    holder.append(el);
    await out;
  });
});

describe('<meeting-console-live>', () => {
  it('shows each live meeting with its participant count and ends one', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/ops/status'] = { nodes: [], meetings: [{ meetingUniqueId: 3, meetingId: '111222333', subject: 'Town hall', participants: 4 }] };
    const el = await fixture<MeetingConsoleLive>(html`<meeting-console-live .api=${api} .user=${alice}></meeting-console-live>`);
    await settle();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    expect(root.querySelector('[data-participants]')!.textContent).to.equal('4');
    api.answers['/v1/ops/status'] = { nodes: [], meetings: [] };
    root.querySelector<HTMLButtonElement>('[data-action=end]')!.click();
    await settle();
    await el.updateComplete;
    expect(api.called('/v2/meeting/deleteByMeetingUniqueId')[0]!.body).to.deep.equal({ meetingUniqueId: 3 });
    expect(root.querySelector('.empty')!.textContent).to.contain('No meeting is in progress');
  });
});

describe('<meeting-console-rooms>', () => {
  it('creates a room, shows its members and adds one', async () => {
    const api = new FakeConsoleApi();
    const room = { id: 'r00000000001', name: 'Board room', ownerId: alice.userId, roomType: 2, definition: '480p', numberLimit: 200, isPublic: false, isHasPwd: true, logo: '', comment: '' };
    api.answers['/v1/room/mine'] = { rooms: [room] };
    api.answers['/v1/room/members'] = { members: ['m1'] };
    api.answers['/v1/room/create'] = { ...room, roomId: room.id };
    const el = await fixture<MeetingConsoleRooms>(html`<meeting-console-rooms .api=${api} .user=${alice}></meeting-console-rooms>`);
    await settle();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('#new-room [name=name]')!.value = 'Studio';
    root.querySelector<HTMLInputElement>('#new-room [name=password]')!.value = 'pw1';
    root.querySelector<HTMLFormElement>('#new-room')!.requestSubmit();
    await settle();
    expect(api.called('/v1/room/create')[0]!.body).to.deep.equal({ name: 'Studio', roomType: 2, isPublic: true, password: 'pw1' });
    root.querySelector<HTMLButtonElement>('[data-action=members]')!.click();
    await settle();
    await el.updateComplete;
    expect(root.querySelector('section li')!.textContent).to.contain('m1');
    const add = root.querySelector<HTMLFormElement>('section form')!;
    add.querySelector<HTMLInputElement>('[name=userId]')!.value = 'm2';
    add.requestSubmit();
    await settle();
    expect(api.called('/v1/room/addMember')[0]!.body).to.deep.equal({ roomId: room.id, userId: 'm2' });
    await expect(el).to.be.accessible();
  });
});

describe('<meeting-console-users> and <meeting-console-settings>', () => {
  it('an admin adds a user, toggles admin and resets a password (shown once)', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/user/search'] = { users: [admin, alice], totalCount: 2, totalPage: 1 };
    api.answers['/v1/user/add'] = alice;
    api.answers['/v1/user/resetPassword'] = { password: 'Fresh-Pass-1' };
    const el = await fixture<MeetingConsoleUsers>(html`<meeting-console-users .api=${api} .user=${admin}></meeting-console-users>`);
    await settle();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    const form = root.querySelector<HTMLFormElement>('#new-user')!;
    form.querySelector<HTMLInputElement>('[name=name]')!.value = 'bob';
    form.querySelector<HTMLInputElement>('[name=password]')!.value = 'long enough';
    form.querySelector<HTMLInputElement>('[name=isAdmin]')!.checked = true;
    form.requestSubmit();
    await settle();
    expect(api.called('/v1/user/add')[0]!.body).to.deep.equal({ name: 'bob', password: 'long enough', isAdmin: true });
    const aliceRow = root.querySelector(`tr[data-user="${alice.userId}"]`)!;
    const toggle = aliceRow.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    toggle.checked = true;
    toggle.dispatchEvent(new Event('change'));
    await settle();
    expect(api.called('/v1/user/modify')[0]!.body).to.deep.equal({ userId: alice.userId, isAdmin: true });
    expect(root.querySelector<HTMLInputElement>(`tr[data-user="${admin.userId}"] input[type=checkbox]`)!.disabled, 'not one\'s own admin right').to.equal(true);
    aliceRow.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    await el.updateComplete;
    expect(root.querySelector('[role=status]')!.textContent).to.contain('Fresh-Pass-1');
  });

  it('an admin sets the callback URL and the embed origins', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/tenant/getSettings'] = { callbackUrl: '', embedOrigins: ['https://a.example'] };
    const el = await fixture<MeetingConsoleSettings>(html`<meeting-console-settings .api=${api} .user=${admin}></meeting-console-settings>`);
    await settle();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const [callback, origins] = el.shadowRoot!.querySelectorAll('form');
    expect(origins!.querySelector('textarea')!.value).to.equal('https://a.example');
    callback!.querySelector('input')!.value = 'https://hooks.example/m';
    callback!.requestSubmit();
    origins!.querySelector('textarea')!.value = 'https://a.example\n  https://b.example  ';
    origins!.requestSubmit();
    await settle();
    expect(api.called('/v1/tenant/setCallback')[0]!.body).to.deep.equal({ callbackUrl: 'https://hooks.example/m' });
    expect(api.called('/v1/tenant/setEmbedOrigins')[0]!.body).to.deep.equal({ embedOrigins: ['https://a.example', 'https://b.example'] });
  });

  it('an admin sets the logo and accent colour; a bad colour is told, not sent', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/tenant/getSettings'] = { callbackUrl: '', embedOrigins: [], logoUrl: 'https://a.example/l.png', accentColor: '' };
    const el = await fixture<MeetingConsoleSettings>(html`<meeting-console-settings .api=${api} .user=${admin}></meeting-console-settings>`);
    await settle();
    await el.updateComplete;
    const branding = el.shadowRoot!.querySelectorAll('form')[2]!;
    expect(branding.querySelector<HTMLInputElement>('[name=logoUrl]')!.value).to.equal('https://a.example/l.png');
    branding.querySelector<HTMLInputElement>('[name=accentColor]')!.value = 'red';
    branding.requestSubmit();
    await settle();
    await el.updateComplete;
    expect(api.called('/v1/tenant/setBranding')).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('#1a66d9');
    branding.querySelector<HTMLInputElement>('[name=accentColor]')!.value = ' #AA3300 ';
    branding.requestSubmit();
    await settle();
    expect(api.called('/v1/tenant/setBranding')[0]!.body).to.deep.equal({ logoUrl: 'https://a.example/l.png', accentColor: '#AA3300' });
    await expect(el).to.be.accessible();
  });
});

describe('<meeting-console-account>', () => {
  it('changes the password with the current one, then signs the person out', async () => {
    const api = new FakeConsoleApi();
    api.answers['/v1/user/modifyPassword'] = undefined;
    const el = await fixture<HTMLElement>(html`<meeting-console-account .api=${api} .user=${alice}></meeting-console-account>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('code')!.textContent).to.equal('1234567890');
    const form = el.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name=old]')!.value = 'old secret';
    form.querySelector<HTMLInputElement>('[name=password]')!.value = 'new secret 1';
    const out = oneEvent(el, 'meeting-signed-out');
    form.requestSubmit();
    await out;
    expect(api.called('/v1/user/modifyPassword')[0]!.body).to.deep.equal({ userId: alice.userId, oldpassword: 'old secret', password: 'new secret 1' });
  });
});

describe('<meeting-console>', function () {
  this.timeout(10_000);
  it('signed out: the sign-in form; signed in: tabs by role, moved with the arrow keys', async () => {
    const el = await fixture<MeetingConsole>(html`<meeting-console no-store lang="en"></meeting-console>`);
    await expect(el).to.be.accessible();
    const login = el.shadowRoot!.querySelector('meeting-console-login')!;
    expect(login).to.exist;
    const api = (login as unknown as { api: ConsoleApi }).api;
    // Swap in canned answers for what the panels load.
    api.call = (async (path: string) => (path === '/v2/meeting/list' ? { meetings: [], totalNum: 0, totalPages: 0, pageIndex: 0 } : path === '/v1/ops/status' ? { nodes: [], meetings: [] } : { rooms: [], users: [], totalCount: 0, callbackUrl: '', embedOrigins: [] })) as ConsoleApi['call'];
    login.dispatchEvent(new CustomEvent('meeting-signed-in', { detail: { sid: 'x'.repeat(32), user: alice, company: 'Acme' }, bubbles: true, composed: true }));
    await el.updateComplete;
    const tabs = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')];
    expect(tabs().map((t) => t.id)).to.deep.equal(['tab-meetings', 'tab-live', 'tab-rooms', 'tab-account']);
    expect(el.shadowRoot!.querySelector('.who')!.textContent).to.contain('Alice · Acme');
    tabs()[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(tabs()[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.querySelector('meeting-console-live')).to.exist;
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=tabpanel]')!.getAttribute('aria-labelledby')).to.equal('tab-account');
    expect(el.shadowRoot!.querySelector('meeting-console-account')).to.exist;
    await expect(el).to.be.accessible();
    // An admin also gets users and the organisation's settings.
    login.dispatchEvent(new CustomEvent('meeting-signed-in', { detail: { sid: 'x'.repeat(32), user: admin, company: 'Acme' }, bubbles: true, composed: true }));
  });

  it('renders in Simplified Chinese with lang="zh-CN"', async () => {
    const el = await fixture<MeetingConsole>(html`<meeting-console no-store lang="zh-CN"></meeting-console>`);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('主持人控制台');
    const login = el.shadowRoot!.querySelector('meeting-console-login')!;
    await login.updateComplete;
    expect(login.shadowRoot!.querySelector('button[type=submit]')!.textContent).to.equal('登录');
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await new Promise((r) => setTimeout(r, 50));
  });
});
