import { css } from 'lit';

/** Side-panel look shared by the roster, the host controls and the waiting-room queue. */
export const panel = css`
  :host {
    display: block;
    font-size: 0.92rem;
  }
  h2 {
    font-size: 0.95rem;
    margin: 0.8rem 0 0.4rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button,
  select {
    font: inherit;
    min-height: 2.2rem;
    padding: 0 0.8rem;
    border-radius: 999px;
    border: 1px solid var(--_line);
    background: var(--_bg);
    color: var(--_fg);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: white;
  }
  button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
    margin: 0.3rem 0;
  }
  .muted {
    color: var(--_muted);
  }
`;
