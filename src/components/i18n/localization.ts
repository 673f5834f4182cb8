import { configureLocalization } from '@lit/localize';
import * as zhCN from './zh-CN.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['zh-CN'] as const;
export type Locale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

// The Chinese strings are small, so they ship inside the one bundle rather than as a separate fetch.
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: async () => zhCN,
});

/** `lang` from an attribute or a link (zh, zh-CN, zh-Hans, en …), else the browser's language. */
export function pickLocale(lang?: string | null): Locale {
  const wanted = (lang || globalThis.navigator?.language || SOURCE_LOCALE).toLowerCase();
  return wanted.startsWith('zh') ? 'zh-CN' : 'en';
}
