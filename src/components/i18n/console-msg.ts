/** The localisation calls the console's elements use: the family's own, resolved per element. */
export { localized, msg, str } from './localize.js';
export { pickLocale, setLocale } from './localization.js';
