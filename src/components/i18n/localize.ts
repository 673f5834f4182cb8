import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { stringsContext } from '../context.js';
import { localeAround, onPageLocaleChange, pickLocale, stringsFor, type Locale, type Strings } from './localization.js';
import type { Template } from './str.js';

export { str } from './str.js';

/** An element whose texts it decides itself (`<meeting-room>`: its `lang` and `strings`). */
interface StringsOwner {
  readonly ownStrings?: Strings;
}

interface Scope {
  readonly strings: Strings;
}

/** Whose texts `msg()` resolves right now: the element being updated, or the one `withStrings` names. */
let current: Scope | undefined;
const controllers = new WeakMap<Element, LocaleController>();
const connected = new Set<LocaleController>();

/**
 * The text `id` in the language of the element being rendered, with the room's replacements;
 * `source` is the English. Outside an element's update (an event handler, a timer) wrap the call
 * in `withStrings(element, …)`, else it falls back to the page default.
 */
export function msg(source: Template, options: { id: string; desc?: string }): string {
  return (current?.strings ?? stringsFor(pickLocale())).text(options.id, source);
}

/** The language of the element being rendered, for dates and numbers (`toLocaleString(currentLocale())`). */
export function currentLocale(): Locale {
  return (current?.strings ?? stringsFor(pickLocale())).locale;
}

/** Runs `fn` with `el`'s texts: for texts made outside render (announcements, notices, messages set by handlers). */
export function withStrings<T>(el: Element, fn: () => T): T {
  const previous = current;
  current = controllers.get(el) ?? { strings: stringsFor(localeAround(el)) };
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/**
 * Gives an element its own texts: those its `<meeting-room>` provides (its `lang`, its `strings`),
 * or, on its own, those of its or its closest ancestor's `lang`, else the browser's language. Its
 * whole update (willUpdate, render, updated) resolves `msg()` against them, and a change of
 * language re-renders it.
 */
export function localized() {
  return (clazz: typeof ReactiveElement): void => {
    clazz.addInitializer((el) => {
      if (!controllers.has(el)) controllers.set(el, new LocaleController(el));
    });
    const proto = clazz.prototype as unknown as { performUpdate(): void };
    const performUpdate = proto.performUpdate;
    proto.performUpdate = function (this: ReactiveElement) {
      withStrings(this, () => performUpdate.call(this));
    };
  };
}

class LocaleController implements ReactiveController {
  private provided?: Strings;
  private around?: Strings;

  constructor(private readonly host: ReactiveElement) {
    new ContextConsumer(host, {
      context: stringsContext,
      subscribe: true,
      callback: (strings) => {
        this.provided = strings;
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  get strings(): Strings {
    return (this.host as StringsOwner).ownStrings ?? this.provided ?? (this.around ??= stringsFor(localeAround(this.host)));
  }

  hostConnected(): void {
    connected.add(this);
    watchLang(this.host.getRootNode());
    this.recheck();
  }

  hostDisconnected(): void {
    connected.delete(this);
    this.provided = undefined;
  }

  /** A `lang` changed somewhere, or the page default: re-render if this element's language did. */
  recheck(): void {
    const before = this.around;
    this.around = stringsFor(localeAround(this.host));
    // Inside a room the room's texts count; a room itself recomputes its own from `around` as it updates.
    if (before && before !== this.around && !this.provided) this.host.requestUpdate();
  }
}

let observer: MutationObserver | undefined;
const watched = new WeakSet<Node>();

/** One observer for every `lang` attribute in the document and in the shadow roots our elements sit in. */
function watchLang(root: Node): void {
  if (typeof MutationObserver === 'undefined' || watched.has(root)) return;
  observer ??= new MutationObserver(() => connected.forEach((c) => c.recheck()));
  observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
  watched.add(root);
}

onPageLocaleChange(() => connected.forEach((c) => c.recheck()));
