import { css } from 'lit';
import { toolbarButton } from '../styles/toolbar-button.js';

export const styles = css`
  ${toolbarButton}
  :host {
    container: meeting-toolbar / inline-size;
    display: flex;
    justify-content: center;
    gap: 0.6rem;
    padding: 0.75rem;
    flex-wrap: wrap;
  }
  button[aria-pressed='false'] {
    background: var(--_danger);
    color: white;
  }
  button.share[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.share[aria-pressed='false'] {
    background: var(--_surface);
    color: var(--_fg);
  }
  /* Closed panels and a lowered hand are not "off" like a muted device. */
  button.hand[aria-pressed='false'],
  button.people[aria-pressed='false'],
  button.chat[aria-pressed='false'] {
    background: var(--_surface);
    color: var(--_fg);
  }
  button.hand[aria-pressed='true'] {
    background: #b58900;
  }
  button.people[aria-pressed='true'],
  button.chat[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button[data-allowed='false'] {
    opacity: 0.75;
    outline: 2px dashed var(--_danger);
  }
  .count {
    background: var(--_danger);
    border-radius: 999px;
    padding: 0 0.4rem;
    font-size: 0.8rem;
    color: white;
  }
  button.leave {
    background: var(--_danger);
    color: white;
    font-weight: 600;
  }
  button.join-audio {
    background: var(--_accent);
    font-weight: 600;
  }
  dialog {
    background: var(--_surface);
    color: var(--_fg);
    border: 1px solid rgb(255 255 255 / 0.15);
    border-radius: var(--_radius);
    padding: 1.2rem;
    width: min(26rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  dialog h2 {
    font-size: 1.05rem;
    margin: 0 0 0.8rem;
  }
  dialog form {
    display: flex;
    justify-content: flex-end;
    margin-top: 1rem;
  }
`;
