import { expect, html } from '@open-wc/testing';
import type { Track } from 'livekit-client';
import '../../src/components/meeting-audio/meeting-audio.js';
import type { MeetingAudio } from '../../src/components/meeting-audio/meeting-audio.js';
import { mount, person, snapshotFor } from './fixtures.js';

/** Enough of a remote audio track for attach/detach, counting what is attached. */
function fakeAudio(sid: string) {
  const attached = new Set<HTMLMediaElement>();
  const track = {
    sid,
    attach() {
      const el = document.createElement('audio');
      el.dataset.sid = sid;
      attached.add(el);
      return el;
    },
    detach(el: HTMLMediaElement) {
      attached.delete(el);
      return el;
    },
  };
  return { track: track as unknown as Track, attached };
}

describe('<meeting-audio>', () => {
  it('plays every remote microphone and screen-share audio, and stops those that went away', async () => {
    const mic = fakeAudio('TR_mic');
    const screen = fakeAudio('TR_screen');
    const ada = person({ identity: 'p_ada', audioTrack: mic.track, screenAudioTrack: screen.track });
    const snap = snapshotFor('attendee', [ada]);
    const { el, root, show } = await mount<MeetingAudio>(html`<meeting-audio></meeting-audio>`, snap);
    const sids = () => [...root.querySelectorAll('audio')].map((a) => a.dataset.sid);
    expect(sids()).to.deep.equal(['TR_mic', 'TR_screen']);
    expect(mic.attached.size).to.equal(1);
    expect(getComputedStyle(el).display).to.equal('none');
    await expect(el).to.be.accessible();

    // A new snapshot with the same tracks attaches nothing again.
    await show({ ...snap, participants: [...snap.participants.slice(0, 1), person({ ...ada, speaking: true })] });
    expect(sids()).to.deep.equal(['TR_mic', 'TR_screen']);
    expect(mic.attached.size).to.equal(1);

    await show({ ...snap, participants: [snap.participants[0]!, person({ ...ada, screenAudioTrack: undefined })] });
    expect(sids()).to.deep.equal(['TR_mic']);
    expect(screen.attached.size).to.equal(0);

    await show({ ...snap, participants: [snap.participants[0]!] });
    expect(sids()).to.deep.equal([]);
    expect(mic.attached.size).to.equal(0);
  });

  it('releases its elements when removed from the page', async () => {
    const mic = fakeAudio('TR_mic');
    const { el } = await mount(html`<meeting-audio></meeting-audio>`, snapshotFor('attendee', [person({ audioTrack: mic.track })]));
    expect(mic.attached.size).to.equal(1);
    el.remove();
    expect(mic.attached.size).to.equal(0);
  });
});
