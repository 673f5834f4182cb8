import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-prejoin/meeting-prejoin.js';
import type { MeetingPrejoin } from '../../src/components/meeting-prejoin/meeting-prejoin.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import { mount, settle } from './fixtures.js';

const meeting = { meetingUniqueId: 1, meetingId: '123456789', subject: 'Standup', status: 1 as const, startTime: 0 };
const ready: MeetingSnapshot = {
  ...initialSnapshot,
  phase: 'prejoin',
  meeting,
  me: { identity: 'p_x', name: 'Mal', role: 'attendee', roleDowngraded: false },
  preview: { micOn: true, cameraOn: false },
};

describe('<meeting-prejoin>', () => {
  it('shows the subject, the devices, the name and the role, and joins with the typed name', async () => {
    const { el, root, calls, controller } = await mount<MeetingPrejoin>(html`<meeting-prejoin></meeting-prejoin>`, ready);
    expect(root.querySelector('.subject')!.textContent).to.equal('Standup');
    expect(root.querySelector('.preview')!.textContent).to.contain('Camera is off');
    expect(root.querySelector<HTMLInputElement>('input[name=mic]')!.checked).to.equal(true);
    expect(root.querySelector<HTMLInputElement>('input[name=camera]')!.checked).to.equal(false);
    expect(root.querySelector('.role')!.getAttribute('data-role')).to.equal('attendee');
    const name = root.querySelector<HTMLInputElement>('input[name=name]')!;
    expect(name.value).to.equal('Mal');
    await expect(el).to.be.accessible();
    name.value = 'Mallory';
    name.dispatchEvent(new InputEvent('input'));
    root.querySelector<HTMLButtonElement>('button.join')!.click();
    await settle();
    expect(calls).to.deep.equal(['join']);
    expect(controller.log[0]!.args).to.deep.equal(['Mallory']);
  });

  it('tells a name the server would refuse (2003) at once, beside the field, and does not join with it', async () => {
    const { el, root, calls } = await mount<MeetingPrejoin>(html`<meeting-prejoin></meeting-prejoin>`, ready);
    const name = root.querySelector<HTMLInputElement>('input[name=name]')!;
    name.value = 'Ana<3';
    name.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    const problem = root.querySelector('[data-problem=name]')!;
    expect(problem.getAttribute('role')).to.equal('alert');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(name.getAttribute('aria-describedby')).to.equal(problem.id);
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button.join')!.click();
    await settle();
    expect(calls).to.deep.equal([]);
    // An emoji with a zero-width joiner is a fine name.
    name.value = 'Ana 👩‍💻';
    name.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(root.querySelector('[data-problem=name]')).to.equal(null);
    root.querySelector<HTMLButtonElement>('button.join')!.click();
    await settle();
    expect(calls).to.deep.equal(['join']);
  });

  it('checks a name the page offers too, in the room’s language', async () => {
    const { root } = await mount<MeetingPrejoin>(html`<meeting-prejoin display-name="Host\u200d" lang="zh-CN"></meeting-prejoin>`, { ...ready, me: { ...ready.me!, name: '' } });
    expect(root.querySelector('[data-problem=name]')!.textContent).to.contain('无法使用此名字');
    expect(root.querySelector<HTMLInputElement>('input[name=name]')!.validationMessage).to.equal('此名字含有不允许的字符。');
  });

  it('turns the devices on and off through the controller', async () => {
    const { root, controller } = await mount(html`<meeting-prejoin></meeting-prejoin>`, ready);
    root.querySelector<HTMLInputElement>('input[name=camera]')!.click();
    root.querySelector<HTMLInputElement>('input[name=mic]')!.click();
    await settle();
    expect(controller.log).to.deep.equal([
      { name: 'setPreviewCamera', args: [true] },
      { name: 'setPreviewMic', args: [false] },
    ]);
  });

  it('does not join without a name, nor before the grant, nor twice', async () => {
    const { root, calls, show } = await mount(html`<meeting-prejoin></meeting-prejoin>`, { ...ready, me: { ...ready.me!, name: '' } });
    root.querySelector<HTMLButtonElement>('button.join')!.click();
    await settle();
    expect(calls).to.deep.equal([]);
    await show({ ...ready, me: undefined });
    expect(root.querySelector<HTMLButtonElement>('button.join')!.disabled).to.equal(true);
    await show({ ...ready, phase: 'connecting' });
    const join = root.querySelector<HTMLButtonElement>('button.join')!;
    expect(join.disabled).to.equal(true);
    expect(join.textContent).to.contain('Joining…');
  });

  it('tells a camera problem and a microphone problem apart, as alerts', async () => {
    const { el, root } = await mount(html`<meeting-prejoin></meeting-prejoin>`, { ...ready, preview: { micOn: false, cameraOn: false, videoProblem: 'permission', audioProblem: 'no-device' } });
    const problems = [...root.querySelectorAll('.problem[role=alert]')].map((p) => p.textContent);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.equal('Camera: Access to the camera or microphone was denied. Allow it in the browser.');
    expect(problems[1]).to.equal('Microphone: No camera or microphone was found.');
    await expect(el).to.be.accessible();
  });

  it('says when the link does not prove the host role', async () => {
    const { el, root } = await mount(html`<meeting-prejoin></meeting-prejoin>`, { ...ready, me: { ...ready.me!, roleDowngraded: true } });
    expect(root.querySelector('[data-notice=role-downgraded][role=status]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the camera preview while the camera is on', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const fakeTrack = {
      attach(video: HTMLMediaElement) {
        video.srcObject = stream;
        return video;
      },
      detach(video: HTMLMediaElement) {
        video.srcObject = null;
        return video;
      },
    };
    const { el, root, show } = await mount(html`<meeting-prejoin></meeting-prejoin>`, { ...ready, preview: { micOn: true, cameraOn: true, videoTrack: fakeTrack as never } });
    expect(root.querySelector('video')!.srcObject).to.equal(stream);
    await expect(el).to.be.accessible();
    await show({ ...ready, preview: { micOn: true, cameraOn: false, videoTrack: fakeTrack as never } });
    expect(root.querySelector('video')).to.equal(null);
    stream.getTracks().forEach((t) => t.stop());
  });
});
