import { expect } from '@open-wc/testing';
import { defineElements, elements } from '../../src/components/elements.js';

// Issue 11 part 2: the element files register nothing; `./define` registers the table, and again is harmless.
describe('defineElements (the ./define entry)', () => {
  it('has registered every tag of the table to its class', () => {
    for (const [tag, element] of Object.entries(elements)) expect(customElements.get(tag), tag).to.equal(element);
  });

  it('can run again: a tag already defined is left to whoever defined it first', () => {
    expect(() => defineElements()).not.to.throw();
    const defined: string[] = [];
    const theirs = class extends HTMLElement {};
    const registry = {
      get: (tag: string) => (tag === 'meeting-room' ? theirs : undefined),
      define: (tag: string) => void defined.push(tag),
    } as unknown as CustomElementRegistry;
    defineElements(registry);
    expect(defined).to.have.length(Object.keys(elements).length - 1);
    expect(defined).not.to.include('meeting-room');
  });
});
