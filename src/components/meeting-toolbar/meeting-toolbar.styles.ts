import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    justify-content: center;
    gap: 0.6rem;
    padding: 0.75rem;
    flex-wrap: wrap;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.75rem;
    padding: 0 1rem;
    border: 0;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_fg);
  }
  button[aria-pressed='false'] {
    background: var(--_danger);
  }
  button.share[aria-pressed='true'] {
    background: var(--_accent);
  }
  button.share[aria-pressed='false'] {
    background: var(--_surface);
  }
  button.hand[aria-pressed='false'],
  button.people[aria-pressed='false'] {
    background: var(--_surface);
  }
  button.hand[aria-pressed='true'] {
    background: #b58900;
  }
  button.people[aria-pressed='true'] {
    background: var(--_accent);
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
  }
  button.leave {
    background: var(--_danger);
    font-weight: 600;
  }
`;
