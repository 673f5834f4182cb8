import { expect, html as litHtml, fixture } from '@open-wc/testing';
import { configureLocalization, localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../../src/components/index.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import type { MeetingRoom } from '../../src/components/meeting-room/meeting-room.js';
import { RecordingController } from './fixtures.js';

// A host app with its own @lit/localize set-up, in a locale we do not have and with ids that collide with ours.
const host = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: async () => ({ templates: { 'prejoin.title': 'Prêt à rejoindre ?', 'host.hello': 'Bonjour' } }),
});

@customElement('host-app-hello')
@localized()
class HostAppHello extends LitElement {
  override render() {
    return html`<p>${msg('Hello', { id: 'host.hello' })}</p>`;
  }
}

class GivenController extends RecordingController {
  override setViewport() {}
}

describe('a page that configures @lit/localize itself', function () {
  this.timeout(20_000);
  after(() => host.setLocale('en'));

  it('keeps its own localisation and leaves ours alone', async () => {
    await host.setLocale('fr');
    const hello = await fixture<HostAppHello>(litHtml`<host-app-hello></host-app-hello>`);
    expect(hello.shadowRoot!.querySelector('p')!.textContent).to.equal('Bonjour');

    const titles: string[] = [];
    for (const lang of ['en', 'zh-CN']) {
      const controller = new GivenController();
      const el = await fixture<MeetingRoom>(litHtml`<meeting-room lang=${lang} .controller=${controller}></meeting-room>`);
      controller.dispatchEvent(new CustomEvent<MeetingSnapshot>('change', { detail: { ...initialSnapshot, phase: 'prejoin' } }));
      await el.updateComplete;
      const prejoin = el.shadowRoot!.querySelector('meeting-prejoin')!;
      await (prejoin as LitElement).updateComplete;
      titles.push(prejoin.shadowRoot!.querySelector('h1')!.textContent!.trim());
    }
    expect(titles).to.deep.equal(['Ready to join?', '准备好加入了吗？']);
    // The host app switching its language again re-renders its elements, not ours.
    await host.setLocale('en');
    await hello.updateComplete;
    expect(hello.shadowRoot!.querySelector('p')!.textContent).to.equal('Hello');
  });
});
