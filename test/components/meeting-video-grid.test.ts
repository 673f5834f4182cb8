import { expect, html, waitUntil } from '@open-wc/testing';
import '../../src/components/meeting-video-grid/meeting-video-grid.js';
import type { MeetingVideoGrid } from '../../src/components/meeting-video-grid/meeting-video-grid.js';
import type { MeetingVideoTile } from '../../src/components/meeting-video-tile/meeting-video-tile.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import { mount, person, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada' });
const bob = person({ identity: 'p_bob', name: 'Bob' });
const sharingBob = person({ identity: 'p_bob', name: 'Bob', screenOn: true });

const tiles = (root: ShadowRoot, where = '.grid') => [...root.querySelectorAll<MeetingVideoTile>(`${where} meeting-video-tile`)].map((t) => `${t.participant!.identity}:${t.source}`);
const view = (snap: MeetingSnapshot, change: Partial<MeetingSnapshot['view']>): MeetingSnapshot => ({ ...snap, view: { ...snap.view, ...change } });

describe('<meeting-video-grid>', () => {
  it('shows everyone (me first) as a labelled list of equal tiles in gallery view', async () => {
    const { el, root } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snapshotFor('attendee', [ada, bob]));
    expect(tiles(root)).to.deep.equal(['me:camera', 'p_ada:camera', 'p_bob:camera']);
    expect(root.querySelector('[role=list]')!.getAttribute('aria-label')).to.equal('Participant videos');
    expect(root.querySelector('.main')).to.equal(null);
    expect(root.querySelector('.stage')!.getAttribute('data-layout')).to.equal('gallery');
    await expect(el).to.be.accessible();
  });

  it('gives one person alone the whole grid', async () => {
    const { root } = await mount(html`<meeting-video-grid></meeting-video-grid>`, snapshotFor('attendee'));
    expect(root.querySelector('.grid')!.classList.contains('single')).to.equal(true);
  });

  it('shows a screen share large for everyone, the people in a strip', async () => {
    const { el, root } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snapshotFor('attendee', [ada, sharingBob]));
    expect(tiles(root, '.main')).to.deep.equal(['p_bob:screen']);
    expect(root.querySelector('.stage')!.getAttribute('data-reason')).to.equal('screen');
    expect(tiles(root)).to.deep.equal(['me:camera', 'p_ada:camera', 'p_bob:camera']);
    expect(root.querySelector('.grid')!.classList.contains('strip')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('puts the spotlit person (their screen when they share) in the main view, the others in a strip', async () => {
    const snap = snapshotFor('attendee', [ada, sharingBob], { policy: { ...initialSnapshot.policy, spotlight: 'p_bob' } });
    const { el, root, show } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    expect(root.querySelector('.spotlight')!.getAttribute('data-spotlight')).to.equal('p_bob');
    expect(tiles(root, '.spotlight')).to.deep.equal(['p_bob:screen']);
    expect(tiles(root)).to.deep.equal(['me:camera', 'p_ada:camera', 'p_bob:camera']);
    expect(root.querySelector('.grid')!.classList.contains('strip')).to.equal(true);
    await expect(el).to.be.accessible();
    await show({ ...snap, policy: { ...snap.policy, spotlight: 'p_ada' } });
    expect(tiles(root, '.spotlight')).to.deep.equal(['p_ada:camera']);
  });

  it('lets me choose the quality I receive someone’s video in, not my own, and keeps the choice shown', async () => {
    const ada = person({ identity: 'p_ada', name: 'Ada', cameraOn: true });
    const snap = snapshotFor('attendee', [ada, bob]);
    const { el, root, show, controller } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    const selects = [...root.querySelectorAll<HTMLSelectElement>('select.quality')];
    // Mine (first) and Bob's (camera off) have none.
    expect(selects.map((s) => s.getAttribute('aria-label'))).to.deep.equal(['Video quality of Ada']);
    const select = selects[0]!;
    expect([...select.options].map((o) => [o.value, o.textContent])).to.deep.equal([
      ['auto', 'Auto'],
      ['low', 'Low'],
      ['medium', 'Medium'],
      ['high', 'High'],
    ]);
    expect(select.value).to.equal('auto');
    select.value = 'low';
    select.dispatchEvent(new Event('change'));
    expect(controller.log.at(-1)).to.deep.equal({ name: 'setVideoQuality', args: ['p_ada', 'low'] });
    await show(view(snap, { quality: { p_ada: 'low' } }));
    expect(root.querySelector<HTMLSelectElement>('select.quality')!.value).to.equal('low');
    expect(root.querySelector('select.quality')!.classList.contains('chosen')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('pins a tile from its button, and shows the pinned tile large with an Unpin button', async () => {
    const snap = snapshotFor('attendee', [ada, bob]);
    const { el, root, show, controller } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    const pin = root.querySelector<HTMLButtonElement>('.cell:nth-child(2) .pin')!;
    expect(pin.getAttribute('aria-label')).to.equal('Pin Ada');
    expect(pin.getAttribute('aria-pressed')).to.equal('false');
    pin.click();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'pin', args: ['p_ada'] });
    await show(view(snap, { pinned: 'p_ada' }));
    expect(tiles(root, '.main')).to.deep.equal(['p_ada:camera']);
    expect(root.querySelector('.stage')!.getAttribute('data-reason')).to.equal('pin');
    const unpin = root.querySelector<HTMLButtonElement>('.main .pin')!;
    expect(unpin.getAttribute('aria-label')).to.equal('Unpin Ada');
    expect(unpin.getAttribute('aria-pressed')).to.equal('true');
    unpin.click();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'pin', args: [null] });
    await expect(el).to.be.accessible();
  });

  it('switches between gallery and speaker view; speaker view shows who speaks large', async () => {
    const snap = snapshotFor('attendee', [ada, bob], { activeSpeaker: 'p_bob' });
    const { el, root, show, controller } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    const speaker = root.querySelector<HTMLButtonElement>('.controls .layout-speaker')!;
    expect(root.querySelector('.controls [role=group]')!.getAttribute('aria-label')).to.equal('Layout');
    expect(root.querySelector('.layout-gallery')!.getAttribute('aria-pressed')).to.equal('true');
    speaker.click();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'setLayout', args: ['speaker'] });
    await show(view(snap, { mode: 'speaker' }));
    expect(speaker.getAttribute('aria-pressed')).to.equal('true');
    expect(tiles(root, '.main')).to.deep.equal(['p_bob:camera']);
    expect(tiles(root)).to.deep.equal(['me:camera', 'p_ada:camera']);
    await show({ ...view(snap, { mode: 'speaker' }), activeSpeaker: 'p_ada' });
    expect(tiles(root, '.main')).to.deep.equal(['p_ada:camera']);
    await expect(el).to.be.accessible();
  });

  it('pages when there are more people than the cap on videos, and asks for the next page', async () => {
    const others = Array.from({ length: 30 }, (_, i) => person({ identity: `p${i}`, name: `Person ${i}` }));
    const snap = snapshotFor('attendee', others);
    const { el, root, show, controller } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    expect(tiles(root).length).to.equal(25);
    expect(root.querySelector('.pages .page')!.textContent).to.equal('Page 1 of 2');
    expect(root.querySelector<HTMLButtonElement>('.pages .prev')!.disabled).to.equal(true);
    root.querySelector<HTMLButtonElement>('.pages .next')!.click();
    expect(controller.log.at(-1)).to.deep.equal({ name: 'showPage', args: [1] });
    await show(view(snap, { page: 1 }));
    expect(tiles(root).length).to.equal(6);
    expect(root.querySelector('.pages .page')!.textContent).to.equal('Page 2 of 2');
    await show(view(snap, { page: 0, maxVideos: 9 }));
    expect(tiles(root).length).to.equal(9);
    expect(root.querySelector('.pages .page')!.textContent).to.equal('Page 1 of 4');
    await expect(el).to.be.accessible();
  });

  it('tells the controller the size it has', async () => {
    const { controller } = await mount(html`<meeting-video-grid style="width: 640px; height: 480px"></meeting-video-grid>`, snapshotFor('attendee', [ada]));
    await waitUntil(() => controller.snapshot.view.viewport !== null, 'the grid reported its size', { timeout: 5000 });
    const measured = controller.snapshot.view.viewport;
    expect(measured).to.not.equal(null);
    expect(measured!.width).to.be.within(560, 640);
    expect(measured!.height).to.be.within(300, 480);
  });

  it('keeps the tile of an unchanged person when another one changes', async () => {
    const snap = snapshotFor('attendee', [ada]);
    const { root, show } = await mount(html`<meeting-video-grid></meeting-video-grid>`, snap);
    const adaTile = root.querySelector<MeetingVideoTile>('meeting-video-tile[data-identity=p_ada]')!;
    let renders = 0;
    const render = adaTile.render.bind(adaTile);
    adaTile.render = () => {
      renders++;
      return render();
    };
    await show({ ...snap, participants: [person({ ...snap.participants[0]!, speaking: true }), snap.participants[1]!] });
    expect(root.querySelector('meeting-video-tile[data-identity=p_ada]')).to.equal(adaTile);
    expect(renders).to.equal(0);
  });
});
