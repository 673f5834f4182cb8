import { css } from 'lit';

export const styles = css`
  dialog {
    background: var(--_surface);
    color: var(--_fg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: 1.2rem;
    min-width: min(22rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2 {
    font-size: 1.05rem;
    margin: 0 0 0.8rem;
  }
  input {
    width: 100%;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  button {
    min-height: 2.4rem;
    padding: 0 1rem;
    border-radius: 999px;
    border: 1px solid var(--_muted);
    background: transparent;
    color: var(--_fg);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
`;
