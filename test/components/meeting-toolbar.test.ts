import { expect, html, oneEvent } from '@open-wc/testing';
import '../../src/components/meeting-toolbar/meeting-toolbar.js';
import type { MeetingToolbar } from '../../src/components/meeting-toolbar/meeting-toolbar.js';
import { initialSnapshot } from '../../src/client/snapshot.js';
import { mount as mountIn, person } from './fixtures.js';

describe('<meeting-toolbar>', () => {
  async function mount(me = person({ isLocal: true, micOn: true, cameraOn: false })) {
    const snapshot = { ...initialSnapshot, phase: 'connected' as const, participants: [me], me: { identity: me.identity, name: me.name, role: me.role, roleDowngraded: false } };
    const mounted = await mountIn<MeetingToolbar>(html`<meeting-toolbar></meeting-toolbar>`, snapshot);
    return { ...mounted, toolbar: mounted.el };
  }

  it('shows the state of mic and camera with aria-pressed', async () => {
    const { el, root } = await mount();
    expect(root.querySelector('button.mic')!.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelector('button.camera')!.getAttribute('aria-pressed')).to.equal('false');
    expect(root.querySelector('[role=toolbar]')!.getAttribute('aria-label')).to.equal('Meeting controls');
    await expect(el).to.be.accessible();
  });

  it('shows icons only where it is narrow (a phone), the labels still naming the buttons', async () => {
    const { el, toolbar, root } = await mount();
    const label = () => root.querySelector('button.mic .label') as HTMLElement;
    toolbar.style.width = '1280px';
    expect(label().getBoundingClientRect().width).to.be.greaterThan(20);
    toolbar.style.width = '390px';
    expect(label().getBoundingClientRect().width).to.be.at.most(1);
    expect(label().textContent).to.equal('Microphone');
    // Ten buttons in two rows at most, not five.
    expect(toolbar.getBoundingClientRect().height).to.be.below(140);
    await expect(el).to.be.accessible();
  });

  it('colours only devices that are off as off, not a closed chat or participants panel', async () => {
    const { root } = await mount();
    const background = (cls: string) => getComputedStyle(root.querySelector(`button.${cls}`)!).backgroundColor;
    expect(root.querySelector('button.chat')!.getAttribute('aria-pressed')).to.equal('false');
    expect(background('chat')).to.not.equal(background('camera'));
    expect(background('chat')).to.equal(background('people'));
  });

  it('calls the controller for each button', async () => {
    const { root, calls } = await mount();
    for (const cls of ['mic', 'camera', 'share', 'hand', 'leave']) (root.querySelector(`button.${cls}`) as HTMLButtonElement).click();
    expect(calls).to.deep.equal(['toggleMic', 'toggleCamera', 'toggleScreenShare', 'setHand', 'leave']);
  });

  it('follows a new snapshot', async () => {
    const { provider, show, root } = await mount();
    await show({ ...provider.snapshot, participants: [person({ isLocal: true, micOn: false })] });
    expect(root.querySelector('button.mic')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('asks the room to open the participants panel, and shows what the host turned off', async () => {
    const { provider, toolbar, show, root } = await mount();
    await show({ ...provider.snapshot, allowed: { mic: false, camera: true, screen: true } });
    expect(root.querySelector('button.mic')!.getAttribute('data-allowed')).to.equal('false');
    expect(root.querySelector('button.mic')!.textContent).to.contain('turned off by the host');
    await expect(toolbar).to.be.accessible();
    const asked = oneEvent(toolbar, 'meeting-panel-toggle') as Promise<CustomEvent<{ open: boolean }>>;
    (root.querySelector('button.people') as HTMLButtonElement).click();
    const e = await asked;
    expect(e.detail.open).to.equal(true);
    expect(e.composed && e.bubbles).to.equal(true);
  });

  it('disables publishing buttons for the audience', async () => {
    const { el, root } = await mount(person({ isLocal: true, role: 'audience', micOn: false }));
    expect((root.querySelector('button.mic') as HTMLButtonElement).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    expect((root.querySelector('button.leave') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('shows moderators how many people wait', async () => {
    const { el, root, provider, show } = await mount(person({ isLocal: true, role: 'host' }));
    expect(root.querySelector('button.people .count')).to.equal(null);
    await show({ ...provider.snapshot, waitingQueue: [{ identity: 'g_w', name: 'W', since: 1 }, { identity: 'g_x', name: 'X', since: 2 }] });
    expect(root.querySelector('button.people .count')!.textContent).to.contain('2');
    // The number is part of the button's name, said once (not hidden behind a label of its own).
    const said = root.querySelector('button.people .visually-hidden')!.textContent!;
    expect(said).to.contain('2 waiting');
    expect(root.querySelector('button.people .count')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});
