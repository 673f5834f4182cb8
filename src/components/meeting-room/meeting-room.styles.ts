import { css } from 'lit';
import { accent } from '../styles/tokens.js';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 24rem;
    background: var(--_bg);
    color: var(--_fg);
    position: relative;
  }
  .frame {
    --_accent: ${accent};
    flex: 1;
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: inherit;
    position: relative;
  }
  /* Entering: the meeting is laid out (its size is the one it will have) but not seen, under the pre-join screen. */
  .frame.entering > :not(meeting-prejoin) {
    visibility: hidden;
  }
  .frame.entering > meeting-prejoin {
    position: absolute;
    inset: 0;
    z-index: 1;
    overflow: auto;
    background: var(--_bg);
  }
  .main {
    flex: 1;
    display: flex;
    min-height: 0;
  }
  meeting-video-grid {
    flex: 1;
  }
  /* The page lays its own elements out; the area only takes the room's height. */
  .main.custom {
    display: block;
    overflow: auto;
  }
  aside {
    width: min(22rem, 100%);
    overflow: auto;
    padding: 0.5rem 0.9rem;
    border-left: 1px solid var(--_line);
    background: var(--_surface);
  }
  aside[hidden],
  aside [role='tabpanel'][hidden] {
    display: none;
  }
  aside {
    display: flex;
    flex-direction: column;
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
    padding-bottom: 0.4rem;
    border-bottom: 1px solid rgb(255 255 255 / 0.08);
  }
  .tab {
    font: inherit;
    color: var(--_fg);
    background: transparent;
    border: 0;
    border-bottom: 2px solid transparent;
    padding: 0.35rem 0.6rem;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }
  .tab:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .chat-panel {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    padding-top: 0.5rem;
  }
  .chat-panel meeting-chat {
    flex: 1;
    min-height: 0;
  }
  @media (max-width: 640px) {
    .main {
      flex-direction: column;
    }
    /* Under the grid, 60% of the space (a chat that may grow would squeeze the videos to nothing), the log scrolling inside. */
    aside {
      width: 100%;
      flex: 0 0 60%;
      min-height: 0;
      border-left: 0;
      border-top: 1px solid var(--_line);
    }
  }
  .people[hidden] {
    display: none;
  }
  form.password {
    display: flex;
    gap: 0.5rem;
    justify-content: center;
    align-items: center;
    flex-wrap: wrap;
  }

  meeting-prejoin,
  meeting-wait-room {
    flex: 1;
  }
  .screen {
    flex: 1;
    display: grid;
    place-items: center;
    text-align: center;
    padding: 2rem;
  }
  .screen h1 {
    font-size: 1.4rem;
  }
  .screen .code {
    color: var(--_muted);
    font-size: 0.85rem;
  }
  .screen button,
  .banner button {
    min-height: 2.5rem;
    padding: 0 1.2rem;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .banner {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    justify-content: center;
    padding: 0.5rem;
    background: var(--_warning-bg);
  }
  .logo {
    display: block;
    max-height: 1.75rem;
    max-width: 10rem;
    object-fit: contain;
  }
`;
