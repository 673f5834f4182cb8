import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/meeting-video-tile/meeting-video-tile.js';
import type { MeetingVideoTile } from '../../src/components/meeting-video-tile/meeting-video-tile.js';
import { person } from './fixtures.js';

describe('<meeting-video-tile>', () => {
  it('shows the name, initials when the camera is off, and no muted mark while the mic is on', async () => {
    const el = await fixture<MeetingVideoTile>(html`<meeting-video-tile .participant=${person()}></meeting-video-tile>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('.name')!.textContent).to.equal('Ada Lovelace');
    expect(root.querySelector('.avatar')!.textContent).to.equal('AL');
    expect(root.querySelector('video')!.hidden).to.equal(true);
    expect(root.querySelector('.mic-off')).to.equal(null);
    expect(el.dataset.identity).to.equal('p_1');
    expect(el.dataset.camera).to.equal('off');
    await expect(el).to.be.accessible();
  });

  it('marks a muted microphone for sight and for screen readers', async () => {
    const el = await fixture<MeetingVideoTile>(html`<meeting-video-tile .participant=${person({ micOn: false })}></meeting-video-tile>`);
    const mark = el.shadowRoot!.querySelector('.mic-off')!;
    expect(mark.getAttribute('role')).to.equal('img');
    expect(mark.getAttribute('aria-label')).to.equal('Microphone off');
    expect(el.dataset.mic).to.equal('off');
    await expect(el).to.be.accessible();
  });

  it('outlines the person while they speak, and says so to screen readers', async () => {
    const el = await fixture<MeetingVideoTile>(html`<meeting-video-tile .participant=${person({ speaking: true })}></meeting-video-tile>`);
    expect(el.hasAttribute('speaking')).to.equal(true);
    expect(el.shadowRoot!.querySelector('.visually-hidden')!.textContent).to.equal('Speaking');
    el.participant = person({ speaking: false });
    await el.updateComplete;
    expect(el.hasAttribute('speaking')).to.equal(false);
  });

  it('labels the local person and hosts', async () => {
    const el = await fixture<MeetingVideoTile>(
      html`<meeting-video-tile .participant=${person({ isLocal: true, role: 'host', name: '王 小明' })}></meeting-video-tile>`,
    );
    const label = el.shadowRoot!.querySelector('.label')!.textContent!.replace(/\s+/g, ' ');
    expect(label).to.contain('王 小明 (you)');
    expect(label).to.contain('Host');
    expect(el.shadowRoot!.querySelector('.avatar')!.textContent).to.equal('王小');
  });

  it('attaches a camera track to its video when the camera is on', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const attached: HTMLMediaElement[] = [];
    const fakeTrack = {
      attach(el: HTMLMediaElement) {
        el.srcObject = stream;
        attached.push(el);
        return el;
      },
      detach(el: HTMLMediaElement) {
        el.srcObject = null;
        return el;
      },
    };
    const el = await fixture<MeetingVideoTile>(
      html`<meeting-video-tile .participant=${person({ cameraOn: true, cameraTrack: fakeTrack as never })}></meeting-video-tile>`,
    );
    const video = el.shadowRoot!.querySelector('video')!;
    expect(attached).to.deep.equal([video]);
    expect(video.hidden).to.equal(false);
    expect(el.shadowRoot!.querySelector('.placeholder')).to.equal(null);
    await expect(el).to.be.accessible();
    el.participant = person({ cameraOn: false, cameraTrack: fakeTrack as never });
    await el.updateComplete;
    expect(video.srcObject).to.equal(null);
    stream.getTracks().forEach((t) => t.stop());
  });
});
