import { fillPlaceholders, join, type Template } from './str.js';
import { templates as zhCN } from './zh-CN.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['zh-CN'] as const;
export type Locale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

/** The id of every text the elements show; the list, with the Chinese of each, is `zh-CN.ts`. */
export type TextId = keyof typeof zhCN;

/**
 * Replacements for any text, whatever the language: `{ 'prejoin.join': 'Enter' }`. In a text that
 * has values (a name, a count), `{0}`, `{1}` … stand for them in the English text's order.
 */
export type MeetingStrings = Readonly<Partial<Record<TextId, string>>>;

const catalogs: Record<Locale, Readonly<Record<string, Template>>> = { en: {}, 'zh-CN': zhCN };

/** More translations for a bundle of its own (the host console's), so that the join bundle does not carry them. */
export function addTranslations(locale: Exclude<Locale, 'en'>, templates: Readonly<Record<string, Template>>): void {
  catalogs[locale] = { ...catalogs[locale], ...templates };
}

/** The texts one element renders with: a language and the page's replacements. */
export class Strings {
  constructor(
    readonly locale: Locale,
    readonly overrides: MeetingStrings = {},
  ) {}

  /** The text for `id`; `source` is the English, whose values fill the translation's `${n}`. */
  text(id: string, source: Template): string {
    const values = typeof source === 'string' ? [] : source.values;
    const override = (this.overrides as Record<string, unknown>)[id];
    if (typeof override === 'string') return fillPlaceholders(override, values);
    const translated = catalogs[this.locale][id] ?? source;
    return typeof translated === 'string' ? translated : join(translated.strings, values, translated === source ? undefined : translated.values);
  }
}

const noOverrides: MeetingStrings = {};
const cache = new WeakMap<MeetingStrings, Map<Locale, Strings>>();

/** The same object for the same language and replacements, so that context consumers re-render only on a real change. */
export function stringsFor(locale: Locale, given?: MeetingStrings | null): Strings {
  const overrides = given && typeof given === 'object' ? given : noOverrides;
  let byLocale = cache.get(overrides);
  if (!byLocale) cache.set(overrides, (byLocale = new Map()));
  let strings = byLocale.get(locale);
  if (!strings) byLocale.set(locale, (strings = new Strings(locale, overrides)));
  return strings;
}

/** `lang` from an attribute or a link (zh, zh-CN, zh-Hans, en …), else the page default, else the browser's language. */
export function pickLocale(lang?: string | null): Locale {
  if (!lang && pageLocale) return pageLocale;
  const wanted = (lang || globalThis.navigator?.language || SOURCE_LOCALE).toLowerCase();
  return wanted.startsWith('zh') ? 'zh-CN' : 'en';
}

/** The first non-empty `lang` of the element or an ancestor, across shadow roots. */
export function langAround(el: Element): string | undefined {
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
  }
  return undefined;
}

export function localeAround(el: Element): Locale {
  return pickLocale(langAround(el));
}

let pageLocale: Locale | undefined;
const pageLocaleListeners = new Set<() => void>();

/** Called when `setLocale` changes the page default. */
export function onPageLocaleChange(listener: () => void): void {
  pageLocaleListeners.add(listener);
}

/**
 * @deprecated Give `<meeting-room>` (or any element, or an ancestor) a `lang` instead. Sets the
 * language of the elements that have no `lang` of their own nor on an ancestor (in place of the
 * browser's language); resolves at once (nothing is fetched).
 */
export function setLocale(locale: string): Promise<void> {
  pageLocale = pickLocale(locale || SOURCE_LOCALE);
  pageLocaleListeners.forEach((listener) => listener());
  return Promise.resolve();
}

/** @deprecated The page default that `setLocale` set, else the browser's language. */
export function getLocale(): Locale {
  return pickLocale();
}
