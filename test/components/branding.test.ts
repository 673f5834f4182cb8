import { expect, waitUntil } from '@open-wc/testing';
import '../../src/components/index.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import type { MeetingSnapshot } from '../../src/client/snapshot.js';
import { RecordingController, person, snapshotFor } from './fixtures.js';

// SPEC E3: the meeting's tenant logo and accent colour, under what the page sets itself.
const LOGO = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/%3E';
const branded = (accentColor = '#aa3300'): MeetingSnapshot =>
  snapshotFor('attendee', [person({ identity: 'p_a', name: 'Ada' })], {
    meeting: { meetingUniqueId: 1, meetingId: '123456789', subject: 'Standup', status: 2, startTime: 0, branding: { logoUrl: LOGO, accentColor } },
  });

class GivenController extends RecordingController {
  override setViewport() {}
}

describe('<meeting-room> with the tenant branding', () => {
  let room: MeetingRoom;
  const mountRoom = async (inner = '', style = '', accent?: string) => {
    const controller = new GivenController();
    room = document.createElement('meeting-room') as MeetingRoom;
    room.controller = controller;
    room.setAttribute('lang', 'en');
    if (style) room.setAttribute('style', style);
    room.innerHTML = inner;
    document.body.append(room);
    await room.updateComplete;
    controller.dispatchEvent(new CustomEvent('change', { detail: branded(accent) }));
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

  it("text on a tenant's light accent is dark, on a dark accent white: the pressed buttons stay legible", async () => {
    // Sharing my screen: the share button is on, in the accent.
    const sharing = async (accent: string) => {
      await mountRoom('', '', accent);
      const s = branded(accent);
      room.controller.dispatchEvent(new CustomEvent('change', { detail: { ...s, participants: s.participants.map((p) => (p.isLocal ? { ...p, screenOn: true } : p)) } }));
      await room.updateComplete;
      const toolbar = room.shadowRoot!.querySelector('meeting-toolbar')!;
      await toolbar.updateComplete;
      return getComputedStyle(toolbar.shadowRoot!.querySelector<HTMLElement>('button.share')!);
    };
    const light = await sharing('#ffd400');
    expect(light.backgroundColor).to.equal('rgb(255, 212, 0)');
    expect(light.color).to.equal('rgb(21, 25, 30)');
    await expect(room).to.be.accessible();
    room.remove();
    expect((await sharing('#aa3300')).color).to.equal('rgb(255, 255, 255)');
  });

  it('an accent that is not #rrggbb is not put into the style (nothing but a colour reaches CSS)', async () => {
    await mountRoom('', '', 'red; background: url(https://evil.example/x)');
    expect(room.shadowRoot!.querySelector<HTMLElement>('.frame')!.getAttribute('style') ?? '').to.equal('');
  });
});
