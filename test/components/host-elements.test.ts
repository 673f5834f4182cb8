import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-host-controls/meeting-host-controls.js';
import '../../src/components/meeting-notices/meeting-notices.js';
import '../../src/components/meeting-roster/meeting-roster.js';
import '../../src/components/meeting-wait-room/meeting-wait-room.js';
import { initialSnapshot } from '../../src/client/snapshot.js';
import { mount, person, settle, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada Lovelace', micOn: true, handAt: 2000 });
const bob = person({ identity: 'p_bob', name: 'Bob', micOn: false, handAt: 1000, role: 'cohost' });

describe('<meeting-roster>', () => {
  it('lists everyone with a count, state and role; search filters by name', async () => {
    const { el, root } = await mount(html`<meeting-roster></meeting-roster>`, snapshotFor('attendee', [ada, bob]));
    expect(root.querySelector('h2')!.textContent).to.contain('3');
    expect(root.querySelectorAll('li.person').length).to.equal(3);
    expect(root.querySelector('li[data-identity=p_bob] .tag.cohost')).to.exist;
    expect(root.querySelector('li[data-identity=p_bob] [aria-label="Microphone off"]')).to.exist;
    await expect(el).to.be.accessible();
    const search = root.querySelector('input[type=search]') as HTMLInputElement;
    search.value = 'ada';
    search.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect([...root.querySelectorAll('li.person')].map((li) => li.getAttribute('data-identity'))).to.deep.equal(['p_ada']);
  });

  it('gives attendees no host actions, only their own rename', async () => {
    const { root } = await mount(html`<meeting-roster></meeting-roster>`, snapshotFor('attendee', [ada, bob]));
    expect(root.querySelector('li[data-identity=p_ada] button.more')).to.not.exist;
    expect(root.querySelector('li[data-identity=me] button.more')).to.exist;
    expect(root.querySelector('.hands')).to.not.exist;
  });

  it('gives hosts a per-person menu and the hand queue in order', async () => {
    const { el, root, calls } = await mount(html`<meeting-roster></meeting-roster>`, snapshotFor('host', [ada, bob]));
    expect([...root.querySelectorAll('[data-hand]')].map((li) => li.getAttribute('data-hand'))).to.deep.equal(['p_bob', 'p_ada']);
    const more = root.querySelector('li[data-identity=p_ada] button.more') as HTMLButtonElement;
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    more.click();
    await el.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    const mute = [...root.querySelectorAll('li[data-identity=p_ada] [role=group] button')].find((b) => b.textContent === 'Mute') as HTMLButtonElement;
    mute.click();
    await settle();
    expect(calls).to.deep.equal(['host.mute:p_ada']);
  });

  it('offers only a removal for someone gone while reconnecting (SPEC J7)', async () => {
    const { el, root } = await mount(html`<meeting-roster></meeting-roster>`, snapshotFor('host', [{ ...ada, reconnecting: true, away: true }]));
    (root.querySelector('li[data-identity=p_ada] button.more') as HTMLButtonElement).click();
    await el.updateComplete;
    const items = [...root.querySelectorAll('li[data-identity=p_ada] [role=group] button')].map((b) => b.textContent!.trim());
    expect(items).to.include('Remove from meeting');
    expect(items).to.not.include('Mute');
    expect(items).to.not.include('Spotlight for everyone');
  });

  it('under "ask first" a host may invite someone to share, and take it back (SPEC H8)', async () => {
    const policy = { ...initialSnapshot.policy, share: 'ask' as const };
    const { el, root, calls, show } = await mount(html`<meeting-roster></meeting-roster>`, snapshotFor('host', [ada], { policy }));
    const items = () => [...root.querySelectorAll('li[data-identity=p_ada] [role=group] button')].map((b) => b.textContent!.trim());
    (root.querySelector('li[data-identity=p_ada] button.more') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(items()).to.include('Invite to share the screen');
    ([...root.querySelectorAll('li[data-identity=p_ada] [role=group] button')].find((b) => b.textContent!.trim() === 'Invite to share the screen') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['host.approveShare:p_ada,true']);
    await show(snapshotFor('host', [{ ...ada, shareRequest: 'allowed' }], { policy }));
    (root.querySelector('li[data-identity=p_ada] button.more') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(items()).to.include('Take back the invitation to share');
    expect(items()).to.not.include('Invite to share the screen');
    await show(snapshotFor('host', [ada], { policy: initialSnapshot.policy }));
    (root.querySelector('li[data-identity=p_ada] button.more') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(items()).to.not.include('Invite to share the screen');
  });
});

describe('<meeting-host-controls>', () => {
  it('renders nothing for an attendee while a host is present', async () => {
    const { root } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('attendee', [person({ identity: 'h', role: 'host' })]));
    expect(root.querySelector('button')).to.not.exist;
  });

  it('mutes all without self-unmute when the box is cleared; lock shows its state', async () => {
    const snap = snapshotFor('host', [ada], { policy: { ...initialSnapshot.policy, locked: true } });
    const { el, root, calls } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snap);
    (root.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    await el.updateComplete;
    (root.querySelector('button.mute-all') as HTMLButtonElement).click();
    expect(root.querySelector('button.lock')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    (root.querySelector('button.lock') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['host.muteAll:false', 'host.lock:false']);
  });

  it('"Allow local recording" shows the policy and turns it off', async () => {
    const { el, root, calls, show } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('host', [ada]));
    const toggle = () => root.querySelector<HTMLButtonElement>('button.local-recording')!;
    expect(toggle().textContent).to.equal('Allow local recording');
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');
    toggle().click();
    await settle();
    expect(calls).to.deep.equal(['host.localRecording:false']);
    await show(snapshotFor('host', [ada], { policy: { ...initialSnapshot.policy, localRecording: false } }));
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('sets the stage cap (SPEC H9); a value out of range is put back', async () => {
    const { el, root, calls } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('host', [ada], { policy: { ...initialSnapshot.policy, stageCap: 3 } }));
    const cap = root.querySelector<HTMLInputElement>('input.stage-cap')!;
    expect(cap.value).to.equal('3');
    await expect(el).to.be.accessible();
    cap.value = '5';
    cap.dispatchEvent(new Event('change'));
    cap.value = '-2';
    cap.dispatchEvent(new Event('change'));
    await settle();
    expect(calls).to.deep.equal(['host.stageCap:5']);
    expect(cap.value).to.equal('3');
  });

  it('extends a scheduled end by 15 or 30 minutes (SPEC H11); a meeting without an end offers nothing', async () => {
    const endsAt = new Date(2026, 11, 4, 15, 30).getTime();
    const { el, root, calls, show } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('host', [ada], { policy: { ...initialSnapshot.policy, endsAt } }));
    expect(root.querySelector('.ends-at')!.textContent).to.contain('Scheduled end');
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button.extend[data-minutes="30"]')!.click();
    await settle();
    expect(calls).to.deep.equal(['host.extendEnd:30']);
    await show(snapshotFor('host', [ada]));
    expect(root.querySelector('button.extend')).to.equal(null);
  });

  it('asks everyone to unmute', async () => {
    const { root, calls } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('host', [ada]));
    (root.querySelector('button.ask-unmute-all') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['host.askUnmuteAll:']);
  });

  it('asks before ending for all', async () => {
    const { el, root, calls } = await mount(html`<meeting-host-controls></meeting-host-controls>`, snapshotFor('host', [ada]));
    (root.querySelector('button.end') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(calls).to.deep.equal([]);
    (root.querySelector('button.end-confirm') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['host.end:']);
  });
});

describe('<meeting-wait-room>', () => {
  it('shows hosts the queue with admit and reject', async () => {
    const snap = snapshotFor('cohost', [], { waitingQueue: [{ identity: 'g_w', name: 'Wendy', since: 1 }, { identity: 'g_x', name: 'Xi', since: 2 }] });
    const { el, root, calls } = await mount(html`<meeting-wait-room></meeting-wait-room>`, snap);
    expect(root.querySelector('li[data-waiting=g_w] .name')!.textContent).to.equal('Wendy');
    await expect(el).to.be.accessible();
    (root.querySelector('li[data-waiting=g_w] button.admit') as HTMLButtonElement).click();
    (root.querySelector('li[data-waiting=g_x] button.reject') as HTMLButtonElement).click();
    (root.querySelector('button.admit-all') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['host.admit:g_w', 'host.reject:g_x', 'host.admitAll:']);
  });

  it('shows nothing to attendees, and the waiting screen to a waiting person', async () => {
    const { root } = await mount(html`<meeting-wait-room></meeting-wait-room>`, snapshotFor('attendee', [], { waitingQueue: [{ identity: 'g_w', name: 'W', since: 1 }] }));
    expect(root.children.length).to.equal(0);
    const waiting = await mount(html`<meeting-wait-room></meeting-wait-room>`, { ...initialSnapshot, phase: 'waiting', waitingPosition: 2 });
    expect(waiting.root.querySelector('[data-screen=waiting]')!.textContent).to.contain('number 2');
    await expect(waiting.el).to.be.accessible();
  });
});

describe('<meeting-notices>', () => {
  it('announces notices politely and offers the asked action', async () => {
    const snap = snapshotFor('attendee', [], { notices: [{ id: 1, type: 'ask-unmute', by: 'Hana' }] });
    const { el, root, calls } = await mount(html`<meeting-notices></meeting-notices>`, snap);
    await expect(el).to.be.accessible();
    expect(root.querySelector('[role=status]')!.getAttribute('aria-live')).to.equal('polite');
    expect(root.querySelector('[data-notice=ask-unmute]')!.textContent).to.contain('Hana asks you to unmute');
    (root.querySelector('button.act') as HTMLButtonElement).click();
    await settle();
    expect(calls).to.deep.equal(['dismissNotice', 'toggleMic']);
  });
});
