import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/meeting-reactions/meeting-reactions.js';
import '../../src/components/meeting-video-tile/meeting-video-tile.js';
import type { MeetingReactions } from '../../src/components/meeting-reactions/meeting-reactions.js';
import type { MeetingVideoTile } from '../../src/components/meeting-video-tile/meeting-video-tile.js';
import { changesBetween } from '../../src/components/meeting-room/announcements.js';
import { announcementText } from '../../src/components/i18n/texts.js';
import { setLocale } from '../../src/components/i18n/localization.js';
import { REACTIONS, type Reaction } from '../../src/protocol/reactions.js';
import { mount, person, settle, snapshotFor } from './fixtures.js';

const ada = person({ identity: 'p_ada', name: 'Ada' });
const reaction = (over: Partial<Reaction> = {}): Reaction => ({ id: 'r1', from: 'p_ada', fromName: 'Ada', emoji: '🎉', at: Date.now(), ...over });

describe('<meeting-reactions>', function () {
  this.timeout(20_000);
  afterEach(() => setLocale('en'));

  it('is a labelled menu button: arrows move through the emoji, Enter sends one, the menu closes and focus returns', async () => {
    const { el, root, controller } = await mount<MeetingReactions>(html`<meeting-reactions></meeting-reactions>`);
    const trigger = root.querySelector<HTMLButtonElement>('button.reactions')!;
    const menu = root.querySelector<HTMLElement>('[role=menu]')!;
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    expect(menu.hidden).to.equal(true);
    await expect(el).to.be.accessible();

    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(menu.hidden).to.equal(false);
    const items = [...root.querySelectorAll<HTMLButtonElement>('[role=menuitem]')];
    expect(items.map((b) => b.dataset.emoji)).to.deep.equal([...REACTIONS]);
    expect(items.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Thumbs up', 'Applause', 'Laughing', 'Heart', 'Celebration', 'Surprised']);
    expect(root.activeElement).to.equal(items[0]);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(root.activeElement).to.equal(items[2]);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(root.activeElement).to.equal(items.at(-1), 'wraps around');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await settle();
    await el.updateComplete;
    expect(controller.log.filter((c) => c.name === 'react')).to.deep.equal([{ name: 'react', args: ['👏'] }]);
    expect(menu.hidden).to.equal(true);
    expect(root.activeElement).to.equal(trigger);
  });

  it('Escape closes the menu without sending; ArrowUp opens it at the last emoji', async () => {
    const { el, root, controller } = await mount<MeetingReactions>(html`<meeting-reactions></meeting-reactions>`);
    const trigger = root.querySelector<HTMLButtonElement>('button.reactions')!;
    trigger.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect((root.activeElement as HTMLElement).dataset.emoji).to.equal('😮');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(root.querySelector<HTMLElement>('[role=menu]')!.hidden).to.equal(true);
    expect(root.activeElement).to.equal(trigger);
    expect(controller.calls).to.not.include('react');
  });

  it('speaks Simplified Chinese', async () => {
    await setLocale('zh-CN');
    const { el, root } = await mount<MeetingReactions>(html`<meeting-reactions></meeting-reactions>`);
    await el.updateComplete;
    expect(root.querySelector('button.reactions')!.textContent!.replace('😊', '').trim()).to.equal('表情回应');
    expect(root.querySelector('[role=menu]')!.getAttribute('aria-label')).to.equal('发送表情回应');
    expect(root.querySelector('[data-emoji="👍"]')!.getAttribute('aria-label')).to.equal('点赞');
  });
});

describe('a reaction on the tile', function () {
  this.timeout(10_000);
  afterEach(() => setLocale('en'));

  it("shows on the sender's camera tile while the snapshot has it, hidden from screen readers (the room announces it)", async () => {
    const { el, root, show } = await mount<MeetingVideoTile>(html`<meeting-video-tile .participant=${ada}></meeting-video-tile>`, snapshotFor('attendee', [ada]));
    expect(root.querySelector('.reaction')).to.equal(null);
    expect(el.dataset.reaction).to.equal(undefined);
    await show(snapshotFor('attendee', [ada], { reactions: [reaction()] }));
    const mark = root.querySelector('.reaction')!;
    expect(mark.textContent).to.equal('🎉');
    expect(mark.getAttribute('aria-hidden')).to.equal('true');
    expect(el.dataset.reaction).to.equal('🎉');
    await expect(el).to.be.accessible();
    await show(snapshotFor('attendee', [ada], { reactions: [reaction({ from: 'p_bob', fromName: 'Bob' })] }));
    expect(root.querySelector('.reaction')).to.equal(null, "someone else's reaction is not on Ada's tile");
    await show(snapshotFor('attendee', [ada]));
    expect(el.dataset.reaction).to.equal(undefined);
  });

  it("is not on the person's screen-share tile", async () => {
    const { root } = await mount<MeetingVideoTile>(html`<meeting-video-tile source="screen" .participant=${ada}></meeting-video-tile>`, snapshotFor('attendee', [ada], { reactions: [reaction()] }));
    expect(root.querySelector('.reaction')).to.equal(null);
  });

  it("is announced for others' reactions (once each), not for mine, in both languages", async () => {
    const before = snapshotFor('attendee', [ada]);
    const after = snapshotFor('attendee', [ada], { reactions: [reaction(), reaction({ id: 'r2', from: 'me', fromName: 'Me', emoji: '👍' })] });
    const said = changesBetween(before, after, 'gallery', 'gallery');
    expect(said).to.deep.equal([{ kind: 'reaction', name: 'Ada', emoji: '🎉' }]);
    expect(changesBetween(after, after, 'gallery', 'gallery')).to.deep.equal([]);
    expect(announcementText(said[0]!)).to.equal('Ada reacted: Celebration');
    await setLocale('zh-CN');
    expect(announcementText(said[0]!)).to.equal('Ada做出了回应：庆祝');
  });
});
