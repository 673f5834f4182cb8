import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-recorder/meeting-recorder.js';
import type { MeetingRecorder } from '../../src/components/meeting-recorder/meeting-recorder.js';
import { recordingClock } from '../../src/components/meeting-recorder/meeting-recorder.js';
import { initialRecording, recordingFileName, type RecordingState } from '../../src/client/local-recording.js';
import { setLocale } from '../../src/components/i18n/localization.js';
import { defaultPolicy } from '../../src/protocol/control.js';
import { mount, settle, snapshotFor } from './fixtures.js';

const recording = (over: Partial<RecordingState>) => snapshotFor('attendee', [], { recording: { ...initialRecording, ...over } });

describe('<meeting-recorder>', function () {
  this.timeout(20_000);
  afterEach(() => setLocale('en'));

  it('Record, then a running mm:ss timer with Pause (a toggle) and Stop; after a stop, Save recording', async () => {
    const { el, root, controller, show } = await mount<MeetingRecorder>(html`<meeting-recorder></meeting-recorder>`, recording({}));
    const record = root.querySelector<HTMLButtonElement>('button.record')!;
    expect(record.textContent).to.contain('Record');
    expect(root.querySelector('[role=timer]')).to.equal(null);
    expect(root.querySelector('button.save')).to.equal(null);
    await expect(el).to.be.accessible();
    record.click();
    await settle();
    expect(controller.calls).to.deep.equal(['startRecording']);

    await show(recording({ state: 'recording', since: Date.now() - 5_000 }));
    const timer = root.querySelector<HTMLElement>('[role=timer]')!;
    expect(timer.getAttribute('aria-label')).to.equal('Recording time');
    expect(timer.querySelector('.clock')!.textContent).to.match(/^\d\d:\d\d$/);
    const pause = root.querySelector<HTMLButtonElement>('button.pause')!;
    expect(pause.getAttribute('aria-pressed')).to.equal('false');
    expect(root.querySelector('[role=status]')!.textContent).to.equal('Recording started');
    await expect(el).to.be.accessible();
    pause.click();
    expect(controller.calls.at(-1)).to.equal('pauseRecording');

    await show(recording({ state: 'paused', elapsedMs: 65_000, since: null }));
    expect(root.querySelector('[role=timer] .clock')!.textContent).to.equal('01:05');
    expect(root.querySelector('button.pause')!.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelector('[role=status]')!.textContent).to.equal('Recording paused');
    root.querySelector<HTMLButtonElement>('button.pause')!.click();
    expect(controller.calls.at(-1)).to.equal('resumeRecording');
    root.querySelector<HTMLButtonElement>('button.stop')!.click();
    await settle();
    expect(controller.calls.at(-1)).to.equal('stopRecording');

    await show(recording({ state: 'idle', elapsedMs: 65_000, ready: { size: 1234, type: 'video/webm' } }));
    expect(root.querySelector('[role=timer]')).to.equal(null);
    expect(root.querySelector('[role=status]')!.textContent).to.equal('Recording stopped: you can save it');
    root.querySelector<HTMLButtonElement>('button.save')!.click();
    expect(controller.calls.at(-1)).to.equal('saveRecording');
    await expect(el).to.be.accessible();

    await show({ ...recording({ ready: { size: 1234, type: 'video/webm' } }), phase: 'left' });
    expect([...root.querySelectorAll('button')].map((b) => b.className)).to.deep.equal(['save'], 'after leaving, only Save');
  });

  it('says when the host turned recording off, and speaks Chinese', async () => {
    const { el, root } = await mount<MeetingRecorder>(html`<meeting-recorder></meeting-recorder>`, snapshotFor('attendee', [], { policy: { ...defaultPolicy, localRecording: false } }));
    const record = root.querySelector<HTMLButtonElement>('button.record')!;
    expect(record.dataset.allowed).to.equal('false');
    expect(record.textContent).to.contain('turned off by the host');
    await expect(el).to.be.accessible();
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(root.querySelector('button.record')!.textContent).to.contain('录制');
  });

  it('formats the clock and names the file after the meeting', () => {
    expect([recordingClock(0), recordingClock(65_000), recordingClock(3_725_000)]).to.deep.equal(['00:00', '01:05', '1:02:05']);
    expect(recordingFileName('Weekly sync: Q3/Q4', new Date(2026, 0, 2, 9, 5))).to.equal('meeting-Weekly-sync-Q3-Q4-2026-01-02-0905.webm');
    expect(recordingFileName('', new Date(2026, 0, 2, 9, 5))).to.equal('meeting-2026-01-02-0905.webm');
  });
});
