import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    padding: 0.75rem;
    gap: 0.5rem;
  }
  /* The layout is computed for this box: nothing inside may size it. */
  .stage {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow: hidden;
  }
  .arrange {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--meeting-grid-gap, 12px);
  }
  .main {
    display: grid;
    flex: none;
  }
  .main .cell,
  .main meeting-video-tile {
    width: 100%;
    height: 100%;
  }
  .grid {
    display: grid;
    gap: var(--meeting-grid-gap, 12px);
    justify-content: center;
    align-content: center;
  }
  .cell {
    position: relative;
    min-width: 0;
  }
  .cell meeting-video-tile {
    width: 100%;
    height: 100%;
    aspect-ratio: auto;
  }
  .pin {
    position: absolute;
    top: 0.4rem;
    right: 0.4rem;
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: 0;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    cursor: pointer;
    opacity: 0;
    transition: opacity 120ms;
  }
  .cell:hover .pin,
  .pin:focus-visible,
  .pin[aria-pressed='true'] {
    opacity: 1;
  }
  .quality {
    position: absolute;
    top: 0.4rem;
    left: 0.4rem;
    max-width: calc(100% - 3.2rem);
    height: 2rem;
    padding: 0 0.4rem;
    border: 0;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.7);
    color: #fff;
    font: inherit;
    font-size: 0.8rem;
    opacity: 0;
    transition: opacity 120ms;
  }
  .cell:hover .quality,
  .quality.chosen,
  .quality:focus-visible,
  .quality:focus {
    opacity: 1;
  }
  .quality:focus-visible,
  .pin:focus-visible,
  .controls button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .pin svg {
    width: 1.1rem;
    height: 1.1rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    font-size: 0.85rem;
  }
  .modes,
  .pages {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .controls button {
    font: inherit;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid transparent;
    border-radius: 999px;
    padding: 0.25rem 0.75rem;
    cursor: pointer;
  }
  .controls button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .controls button:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;
