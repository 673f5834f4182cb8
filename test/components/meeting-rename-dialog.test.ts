import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/meeting-rename-dialog/meeting-rename-dialog.js';
import { sendKeys } from '@web/test-runner-commands';
import type { MeetingRenameDialog } from '../../src/components/meeting-rename-dialog/meeting-rename-dialog.js';

describe('<meeting-rename-dialog>', () => {
  async function open(value = 'Ada') {
    const el = await fixture<MeetingRenameDialog>(html`<meeting-rename-dialog></meeting-rename-dialog>`);
    const answer = el.ask('Rename Ada', value, 20);
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    const input = el.shadowRoot!.querySelector('input')!;
    return { el, answer, dialog, input };
  }

  it('opens as a modal titled by the label, with the current name selected', async () => {
    const { el, dialog, input } = await open();
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(el.shadowRoot!.querySelector('#title')!.textContent).to.equal('Rename Ada');
    expect(input.value).to.equal('Ada');
    expect(input.maxLength).to.equal(20);
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 3]);
    await expect(el).to.be.accessible();
    dialog.close();
  });

  it('resolves with the trimmed name on Save, and refuses a blank one', async () => {
    const { answer, dialog, input } = await open();
    input.value = '   ';
    dialog.querySelector('form')!.requestSubmit();
    expect(dialog.open).to.equal(true);
    input.value = '  Ada King ';
    const closed = oneEvent(dialog, 'close');
    dialog.querySelector('form')!.requestSubmit();
    await closed;
    expect(await answer).to.equal('Ada King');
  });

  it('resolves with null on Cancel or Escape', async () => {
    const first = await open();
    first.el.shadowRoot!.querySelector<HTMLButtonElement>('button[value=cancel]')!.click();
    expect(await first.answer).to.equal(null);
    const second = await open();
    const closed = oneEvent(second.dialog, 'close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(await second.answer).to.equal(null);
  });
});
