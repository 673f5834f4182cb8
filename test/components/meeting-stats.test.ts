import { expect, html, waitUntil } from '@open-wc/testing';
import '../../src/components/meeting-stats/meeting-stats.js';
import type { MeetingStats } from '../../src/components/meeting-stats/meeting-stats.js';
import type { TrackStats } from '../../src/client/track-stats.js';
import { mount, settle, snapshotFor } from './fixtures.js';

const stats: TrackStats[] = [
  { id: 'send:TR_1', participant: 'Me', source: 'camera', kind: 'video', direction: 'send', bitrate: 1_200_000, fps: 30, width: 1280, height: 720, loss: 0.01, rtt: 40 },
  { id: 'receive:TR_2', participant: 'Ada', source: 'microphone', kind: 'audio', direction: 'receive', bitrate: 32_000, loss: 0 },
];

describe('<meeting-stats>', () => {
  for (const theme of ['dark', 'light'] as const) {
    it(`shows each track's numbers in a table, accessible (${theme})`, async () => {
      const { el, root } = await mount<MeetingStats>(html`<meeting-stats></meeting-stats>`, { ...snapshotFor('attendee'), stats }, theme);
      const rows = [...root.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent!.trim()));
      expect(rows).to.deep.equal([
        ['Sent · video · Me', '1.2 Mbps', '30', '1280×720', '1.0%', '40 ms'],
        ['Received · audio · Ada', '32 kbps', '', '', '0.0%', ''],
      ]);
      await expect(el).to.be.accessible();
    });
  }

  it('asks the controller for stats while on the page, and no longer once gone', async () => {
    const { el, calls } = await mount<MeetingStats>(html`<meeting-stats></meeting-stats>`);
    await settle();
    expect(calls).to.deep.equal(['watchStats']);
    expect(el.shadowRoot!.textContent).to.contain('Measuring');
    el.remove();
    expect(calls).to.deep.equal(['watchStats', 'watchStats']);
  });

  it('copies the numbers as text', async () => {
    let copied = '';
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (copied = t) } });
    try {
      const { root } = await mount<MeetingStats>(html`<meeting-stats></meeting-stats>`, { ...snapshotFor('attendee'), stats });
      root.querySelector<HTMLButtonElement>('button.copy')!.click();
      await waitUntil(() => copied, 'nothing copied');
      expect(copied).to.contain('send video camera Me, 1.2 Mbps, 30 fps, 1280x720, loss 1.0%, rtt 40 ms');
      await waitUntil(() => root.querySelector('[role=status]')!.textContent === 'Copied');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });
});
