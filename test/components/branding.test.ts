import { expect, waitUntil } from '@open-wc/testing';
import '../../src/components/index.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { MeetingSnapshot } from '../../src/client/snapshot.js';
import { RecordingController, person, snapshotFor } from './fixtures.js';

// SPEC E3: the meeting's tenant logo and accent colour, under what the page sets itself.
const LOGO = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/%3E';
const branded = (): MeetingSnapshot =>
  snapshotFor('attendee', [person({ identity: 'p_a', name: 'Ada' })], {
    meeting: { meetingUniqueId: 1, meetingId: '123456789', subject: 'Standup', status: 2, startTime: 0, branding: { logoUrl: LOGO, accentColor: '#aa3300' } },
  });

class GivenController extends RecordingController {
  override setViewport() {}
}

describe('<meeting-room> with the tenant branding', () => {
  let room: MeetingRoom;
  const mountRoom = async (inner = '', style = '') => {
    const controller = new GivenController();
    room = document.createElement('meeting-room') as MeetingRoom;
    room.controller = controller;
    room.setAttribute('lang', 'en');
    if (style) room.setAttribute('style', style);
    room.innerHTML = inner;
    document.body.append(room);
    await room.updateComplete;
    controller.dispatchEvent(new CustomEvent('change', { detail: branded() }));
    await room.updateComplete;
  };
  const header = () => room.shadowRoot!.querySelector('meeting-header')!;
  const logo = () => room.shadowRoot!.querySelector<HTMLImageElement>('img[part=logo]');
  const accentOf = () => getComputedStyle(header().shadowRoot!.querySelector('header')!).getPropertyValue('--_accent').trim();
  afterEach(() => room.remove());

  it('shows the tenant logo in the header when the page gave no branding, with the tenant accent', async () => {
    await mountRoom();
    await waitUntil(() => logo(), 'no logo');
    expect(logo()!.getAttribute('src')).to.equal(LOGO);
    expect(logo()!.alt).to.equal('Organisation logo');
    expect(logo()!.assignedSlot).to.equal(null);
    const place = header().shadowRoot!.querySelector<HTMLElement>('.branding')!;
    expect(place.hidden).to.equal(false);
    expect(logo()!.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(accentOf()).to.equal('#aa3300');
    await expect(room).to.be.accessible();
  });

  it("the page's own branding hides the logo, and the page's --meeting-accent wins", async () => {
    await mountRoom('<span slot="branding">Acme</span>', '--meeting-accent: #00ff00');
    await header().updateComplete;
    expect(logo()!.getBoundingClientRect().width, 'slot fallback is not rendered').to.equal(0);
    expect(header().shadowRoot!.querySelector<HTMLElement>('.branding')!.hidden).to.equal(false);
    expect(accentOf()).to.equal('#00ff00');
    await expect(room).to.be.accessible();
  });
});
