import { css } from 'lit';
import { toolbarButton } from '../styles/toolbar-button.js';

export const styles = css`
  ${toolbarButton}
  :host {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button[data-allowed='false'] {
    opacity: 0.75;
    outline: 2px dashed var(--_danger);
  }
  button.pause[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.stop {
    background: var(--_danger);
    color: white;
  }
  .timer {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-variant-numeric: tabular-nums;
    color: var(--_fg);
  }
  .timer svg,
  .record svg {
    color: var(--_danger);
  }
  .timer[data-state='paused'] svg {
    opacity: 0.5;
  }
`;
