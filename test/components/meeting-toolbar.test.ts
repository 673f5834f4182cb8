import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/meeting-toolbar/meeting-toolbar.js';
import { initialSnapshot } from '../../src/client/snapshot.js';
import { person, recordingController, type TestMeetingProvider } from './fixtures.js';
import './fixtures.js';

describe('<meeting-toolbar>', () => {
  async function mount(me = person({ isLocal: true, micOn: true, cameraOn: false })) {
    const { controller, calls } = recordingController();
    const snapshot = { ...initialSnapshot, phase: 'connected' as const, participants: [me], me: { identity: me.identity, name: me.name, role: me.role, roleDowngraded: false } };
    const provider = await fixture<TestMeetingProvider>(
      html`<test-meeting-provider .snapshot=${snapshot} .controller=${controller}><meeting-toolbar></meeting-toolbar></test-meeting-provider>`,
    );
    const toolbar = provider.querySelector('meeting-toolbar')!;
    await toolbar.updateComplete;
    return { provider, toolbar, calls, root: toolbar.shadowRoot! };
  }

  it('shows the state of mic and camera with aria-pressed', async () => {
    const { root } = await mount();
    expect(root.querySelector('button.mic')!.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelector('button.camera')!.getAttribute('aria-pressed')).to.equal('false');
    expect(root.querySelector('[role=toolbar]')!.getAttribute('aria-label')).to.equal('Meeting controls');
  });

  it('calls the controller for each button', async () => {
    const { root, calls } = await mount();
    for (const cls of ['mic', 'camera', 'share', 'hand', 'leave']) (root.querySelector(`button.${cls}`) as HTMLButtonElement).click();
    expect(calls).to.deep.equal(['toggleMic', 'toggleCamera', 'toggleScreenShare', 'setHand', 'leave']);
  });

  it('follows a new snapshot', async () => {
    const { provider, toolbar, root } = await mount();
    provider.snapshot = { ...provider.snapshot, participants: [person({ isLocal: true, micOn: false })] };
    await provider.updateComplete;
    await toolbar.updateComplete;
    expect(root.querySelector('button.mic')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('asks the room to open the participants panel, and shows what the host turned off', async () => {
    const { provider, toolbar, root } = await mount();
    provider.snapshot = { ...provider.snapshot, allowed: { mic: false, camera: true, screen: true } };
    await provider.updateComplete;
    await toolbar.updateComplete;
    expect(root.querySelector('button.mic')!.getAttribute('data-allowed')).to.equal('false');
    expect(root.querySelector('button.mic')!.textContent).to.contain('turned off by the host');
    const asked = new Promise<CustomEvent<{ open: boolean }>>((r) => toolbar.addEventListener('meeting-panel-toggle', (e) => r(e as CustomEvent<{ open: boolean }>), { once: true }));
    (root.querySelector('button.people') as HTMLButtonElement).click();
    const e = await asked;
    expect(e.detail.open).to.equal(true);
    expect(e.composed && e.bubbles).to.equal(true);
  });

  it('disables publishing buttons for the audience', async () => {
    const { root } = await mount(person({ isLocal: true, role: 'audience', micOn: false }));
    expect((root.querySelector('button.mic') as HTMLButtonElement).disabled).to.equal(true);
    expect((root.querySelector('button.leave') as HTMLButtonElement).disabled).to.equal(false);
  });
});
