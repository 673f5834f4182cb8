import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    min-height: 100%;
    background: var(--_bg);
    color: var(--_fg);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.8rem;
    padding: 0.8rem 1.2rem;
    border-bottom: 1px solid var(--_line);
    background: var(--_surface);
  }
  h1 {
    font-size: 1.2rem;
    margin: 0;
    flex: 1;
  }
  .who {
    color: var(--_muted);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    padding: 0.6rem 1.2rem 0;
    border-bottom: 1px solid var(--_line);
  }
  [role='tab'] {
    border: 1px solid transparent;
    border-bottom: none;
    border-radius: 8px 8px 0 0;
    background: transparent;
    color: var(--_muted);
    padding: 0.5rem 1rem;
    min-height: 2.4rem;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_fg);
    border-color: var(--_line);
    background: var(--_surface);
    font-weight: 600;
  }
  main {
    padding: 1rem 1.2rem 2rem;
    max-width: 72rem;
  }
  button.link {
    min-height: 2.2rem;
    padding: 0 0.9rem;
    border-radius: 999px;
    border: 1px solid var(--_muted);
    background: transparent;
    color: var(--_fg);
  }
`;
