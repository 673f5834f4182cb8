import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }
  label {
    display: grid;
    gap: 0.3rem;
  }
  select {
    min-height: 2.25rem;
    max-width: 100%;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: center;
  }
  .check {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  button {
    min-height: 2.25rem;
    padding: 0 0.9rem;
    border-radius: 999px;
    border: 1px solid var(--_muted);
    background: transparent;
    color: var(--_fg);
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
