import { expect, html } from '@open-wc/testing';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { initialDevices, initialSnapshot, type DevicesState, type MeetingSnapshot } from '../../src/client/snapshot.js';
import '../../src/components/meeting-device-settings/meeting-device-settings.js';
import '../../src/components/meeting-mic-level/meeting-mic-level.js';
import '../../src/components/meeting-prejoin/meeting-prejoin.js';
import '../../src/components/meeting-toolbar/meeting-toolbar.js';
import { mount, person, settle, snapshotFor } from './fixtures.js';

const devices: DevicesState = {
  ...initialDevices,
  cameras: [
    { deviceId: 'cam-front', label: 'Front camera' },
    { deviceId: 'cam-back', label: 'Back camera' },
  ],
  mics: [{ deviceId: 'mic-1', label: 'Headset' }],
  speakers: [
    { deviceId: 'spk-1', label: 'Speakers' },
    { deviceId: 'spk-2', label: 'Headphones' },
  ],
  chosen: { camera: 'cam-back', mic: '', speaker: '' },
};
const prejoin: MeetingSnapshot = {
  ...initialSnapshot,
  phase: 'prejoin',
  me: { identity: 'p_x', name: 'Mal', role: 'attendee', roleDowngraded: false },
  preview: { micOn: true, cameraOn: false },
  devices,
};

describe('devices (SPEC J3, R2)', function () {
  // The first accessibility check loads axe: slow on a busy machine.
  this.timeout(10_000);

  it('lists cameras, microphones and speakers with the chosen one selected, and chooses through the controller', async () => {
    const { el, root, controller } = await mount(html`<meeting-device-settings></meeting-device-settings>`, prejoin);
    const select = (name: string) => root.querySelector<HTMLSelectElement>(`select[name=${name}]`)!;
    expect([...select('camera').options].map((o) => o.textContent)).to.deep.equal(['Front camera', 'Back camera']);
    expect(select('camera').value).to.equal('cam-back');
    expect(select('mic').value).to.equal('mic-1', 'the default is the first one');
    expect(select('speaker').options).to.have.length(2);
    await expect(el).to.be.accessible();
    select('speaker').value = 'spk-2';
    select('speaker').dispatchEvent(new Event('change'));
    root.querySelector<HTMLButtonElement>('button.flip')!.click();
    root.querySelector<HTMLInputElement>('input[name=audio-only]')!.click();
    await settle();
    expect(controller.log).to.deep.equal([
      { name: 'chooseDevice', args: ['speaker', 'spk-2'] },
      { name: 'flipCamera', args: [] },
      { name: 'setAudioOnly', args: [true] },
    ]);
  });

  it('offers the flip only with two cameras, and no camera choice in audio-only mode', async () => {
    const { root, show } = await mount(html`<meeting-device-settings></meeting-device-settings>`, { ...prejoin, devices: { ...devices, cameras: devices.cameras.slice(0, 1) } });
    expect(root.querySelector('button.flip')).to.equal(null);
    await show({ ...prejoin, devices: { ...devices, audioOnly: true } });
    expect(root.querySelector<HTMLSelectElement>('select[name=camera]')!.disabled).to.equal(true);
    expect(root.querySelector<HTMLButtonElement>('button.flip')!.disabled).to.equal(true);
    expect(root.querySelector<HTMLInputElement>('input[name=audio-only]')!.checked).to.equal(true);
  });

  it('the pre-join screen has the choices, a live microphone level, and tells what to do about a problem', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const fakeMic = { mediaStreamTrack: stream.getAudioTracks()[0]! };
    const { el, root, controller } = await mount(html`<meeting-prejoin></meeting-prejoin>`, {
      ...prejoin,
      preview: { micOn: true, cameraOn: false, audioTrack: fakeMic as never, videoProblem: 'busy' },
    });
    expect(root.querySelector('meeting-device-settings')).to.exist;
    const meter = root.querySelector('meeting-mic-level')!.shadowRoot!.querySelector('[role=meter]')!;
    expect(meter.getAttribute('aria-label')).to.equal('Microphone level');
    // Chromium's fake microphone beeps: the meter moves within a few readings.
    let level = 0;
    for (let i = 0; i < 30 && level === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      level = Number(meter.getAttribute('aria-valuenow'));
    }
    expect(level).to.be.greaterThan(0);
    const trouble = root.querySelector('.trouble[data-device=camera]')!;
    expect(trouble.querySelector('.problem[role=alert]')!.textContent).to.equal('Camera: The device is in use by another application.');
    expect(trouble.querySelector('.advice')!.textContent).to.contain('Close the other app');
    await expect(el).to.be.accessible();
    trouble.querySelector<HTMLButtonElement>('button.retry')!.click();
    await settle();
    expect(controller.log).to.deep.equal([{ name: 'setPreviewCamera', args: [true] }]);
    stream.getTracks().forEach((t) => t.stop());
  });

  it('listen only: no device on the pre-join screen; in the meeting one "Join with audio" button, asked of the server', async () => {
    const listening = { ...prejoin, me: { ...prejoin.me!, listenOnly: true } };
    const pre = await mount(html`<meeting-prejoin></meeting-prejoin>`, listening);
    expect(pre.root.querySelector('[data-notice=listen-only][role=status]')).to.exist;
    expect(pre.root.querySelector('input[name=mic]')).to.equal(null);
    await expect(pre.el).to.be.accessible();

    const inMeeting = snapshotFor('attendee', [], { devices });
    const { el, root, calls } = await mount(html`<meeting-toolbar></meeting-toolbar>`, { ...inMeeting, me: { ...inMeeting.me!, listenOnly: true } });
    expect(root.querySelector('button.mic')).to.equal(null);
    expect(root.querySelector('button.camera')).to.equal(null);
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button.join-audio')!.click();
    await settle();
    expect(calls).to.deep.equal(['joinWithAudio']);
  });

  it('the toolbar opens the device settings in a dialog, and audio-only mode keeps the camera off', async () => {
    const { el, root, show } = await mount(html`<meeting-toolbar></meeting-toolbar>`, snapshotFor('attendee', [person()], { devices }));
    const dialog = root.querySelector('dialog')!;
    expect(dialog.open).to.equal(false);
    root.querySelector<HTMLButtonElement>('button.settings')!.click();
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('meeting-device-settings')!.shadowRoot!.querySelectorAll('select')).to.have.length(3);
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('button.close')!.click();
    await settle();
    expect(dialog.open).to.equal(false);
    await show(snapshotFor('attendee', [person()], { devices: { ...devices, audioOnly: true } }));
    expect(root.querySelector<HTMLButtonElement>('button.camera')!.disabled).to.equal(true);
  });

  it('the controller remembers the chosen devices in this browser, and a new page opens them', async () => {
    localStorage.removeItem('meeting-room.devices');
    const first = new MeetingController();
    await first.chooseDevice('mic', 'mic-1');
    await first.chooseDevice('speaker', 'spk-2');
    expect(first.snapshot.devices.chosen).to.deep.equal({ camera: '', mic: 'mic-1', speaker: 'spk-2' });
    const next = new MeetingController();
    expect(next.snapshot.devices.chosen).to.deep.equal({ camera: '', mic: 'mic-1', speaker: 'spk-2' });
    next.reset();
    expect(next.snapshot.devices.chosen.speaker).to.equal('spk-2', 'a rejoin keeps them');
    localStorage.setItem('meeting-room.devices', 'not json');
    expect(new MeetingController().snapshot.devices.chosen).to.deep.equal(initialDevices.chosen);
    localStorage.removeItem('meeting-room.devices');
  });
});
