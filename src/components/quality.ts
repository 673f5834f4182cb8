import { html } from 'lit';
import type { ConnectionQualityLevel } from '../client/snapshot.js';
import { qualityText } from './i18n/texts.js';
import { signalIcon } from './styles/icons.js';

const BARS: Record<ConnectionQualityLevel, number> = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 };

/** A person's connection quality as signal bars with its words for screen readers (SPEC R4). */
export const qualityMark = (level: ConnectionQualityLevel) =>
  html`<span part="quality" class="quality" data-quality=${level} role="img" aria-label=${qualityText(level)} title=${qualityText(level)}>${signalIcon(BARS[level])}</span>`;

/** Poor enough to warn about. */
export const isPoor = (level: ConnectionQualityLevel) => level === 'poor' || level === 'lost';
