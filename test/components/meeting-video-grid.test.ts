import { expect, html } from '@open-wc/testing';
import '../../src/components/meeting-video-grid/meeting-video-grid.js';
import type { MeetingVideoGrid } from '../../src/components/meeting-video-grid/meeting-video-grid.js';
import type { MeetingVideoTile } from '../../src/components/meeting-video-tile/meeting-video-tile.js';
import { initialSnapshot } from '../../src/client/snapshot.js';
import { mount, person, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada' });
const bob = person({ identity: 'p_bob', name: 'Bob', screenOn: true });

const tiles = (root: ShadowRoot, where = '.grid') => [...root.querySelectorAll<MeetingVideoTile>(`${where} meeting-video-tile`)].map((t) => `${t.participant!.identity}:${t.source}`);

describe('<meeting-video-grid>', () => {
  it('shows screen shares first, then everyone (me first), as a labelled list', async () => {
    const { el, root } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snapshotFor('attendee', [ada, bob]));
    expect(tiles(root)).to.deep.equal(['p_bob:screen', 'me:camera', 'p_ada:camera', 'p_bob:camera']);
    expect(root.querySelector('[role=list]')!.getAttribute('aria-label')).to.equal('Participant videos');
    expect(root.querySelector('.spotlight')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('gives one person alone the whole grid', async () => {
    const { root } = await mount(html`<meeting-video-grid></meeting-video-grid>`, snapshotFor('attendee'));
    expect(root.querySelector('.grid')!.classList.contains('single')).to.equal(true);
  });

  it('puts the spotlit person (their screen when they share) in the main view, the others in a strip', async () => {
    const snap = snapshotFor('attendee', [ada, bob], { policy: { ...initialSnapshot.policy, spotlight: 'p_bob' } });
    const { el, root, show } = await mount<MeetingVideoGrid>(html`<meeting-video-grid></meeting-video-grid>`, snap);
    expect(root.querySelector('.spotlight')!.getAttribute('data-spotlight')).to.equal('p_bob');
    expect(tiles(root, '.spotlight')).to.deep.equal(['p_bob:screen']);
    expect(tiles(root)).to.deep.equal(['me:camera', 'p_ada:camera', 'p_bob:camera']);
    expect(root.querySelector('.grid')!.classList.contains('strip')).to.equal(true);
    await expect(el).to.be.accessible();
    await show({ ...snap, policy: { ...snap.policy, spotlight: 'p_ada' } });
    expect(tiles(root, '.spotlight')).to.deep.equal(['p_ada:camera']);
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
