import { expect, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/meeting-header/meeting-header.js';
import type { MeetingHeader } from '../../src/components/meeting-header/meeting-header.js';
import { defaultPolicy } from '../../src/protocol/control.js';
import { mount, person, snapshotFor } from './fixtures.js';

const meeting = { meetingUniqueId: 1, meetingId: '123456789', subject: 'Weekly sync', status: 2 as const, startTime: Date.now() - 65_000 };

describe('<meeting-header>', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const theme of ['dark', 'light'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      it(`shows subject, clock, recording, lock, warning, count and role, accessible (${theme}, ${width}×${height})`, async () => {
        await setViewport({ width, height });
        const me = person({ identity: 'me', name: 'Me', isLocal: true, role: 'host', connectionQuality: 'poor' });
        const snapshot = { ...snapshotFor('host', [person()]), meeting, policy: { ...defaultPolicy, locked: true, recording: true } };
        snapshot.participants = [me, person()];
        const { el, root } = await mount<MeetingHeader>(html`<meeting-header></meeting-header>`, snapshot, theme);
        expect(root.querySelector('h1')!.textContent).to.equal('Weekly sync');
        expect(root.querySelector('.elapsed time')!.textContent).to.match(/^1:0[5-9]$/);
        expect(root.querySelector('.recording')!.textContent).to.contain('Recording');
        expect(root.querySelector('.badge.locked')!.getAttribute('aria-label')).to.equal('The meeting is locked');
        expect(root.querySelector('.warning')!.textContent).to.contain('Your connection is poor');
        expect(root.querySelector('.quality')!.getAttribute('data-quality')).to.equal('poor');
        expect(root.querySelector('.count')!.textContent).to.contain('2 in the meeting');
        expect(root.querySelector('[data-my-role]')!.getAttribute('data-my-role')).to.equal('host');
        await expect(el).to.be.accessible();
      });
    }
  }

  it('shows no recording, lock or warning when there is none; the policy subject wins', async () => {
    const snapshot = { ...snapshotFor('attendee'), meeting, policy: { ...defaultPolicy, subject: 'Renamed' } };
    const { root } = await mount<MeetingHeader>(html`<meeting-header></meeting-header>`, snapshot);
    expect(root.querySelector('h1')!.textContent).to.equal('Renamed');
    expect(root.querySelector('.recording')).to.equal(null);
    expect(root.querySelector('.badge.locked')).to.equal(null);
    expect(root.querySelector('.warning')).to.equal(null);
  });

  it('ticks each second while connected and stops when the meeting is left', async function () {
    this.timeout(6000);
    const { root, show, provider } = await mount<MeetingHeader>(html`<meeting-header></meeting-header>`, { ...snapshotFor('attendee'), meeting: { ...meeting, startTime: Date.now() } });
    const clock = () => root.querySelector('.elapsed time')?.textContent;
    expect(clock()).to.equal('0:00');
    await new Promise((r) => setTimeout(r, 1100));
    expect(clock()).to.equal('0:01');
    await show({ ...provider.snapshot, phase: 'left' });
    const stopped = clock();
    await new Promise((r) => setTimeout(r, 1100));
    expect(clock()).to.equal(stopped);
  });

  it('asks for the stats panel', async () => {
    const { el, root } = await mount<MeetingHeader>(html`<meeting-header></meeting-header>`);
    const asked = oneEvent(el, 'meeting-stats-toggle') as Promise<CustomEvent<{ open: boolean }>>;
    root.querySelector<HTMLButtonElement>('button.stats')!.click();
    expect((await asked).detail.open).to.equal(true);
    expect(root.querySelector('button.stats')!.getAttribute('aria-pressed')).to.equal('false');
  });
});
