import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    padding: 0.6rem 1rem;
    border-bottom: 1px solid var(--_line);
  }
  .branding {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .branding[hidden] {
    display: none;
  }
  h1,
  .spacer {
    font-size: 1rem;
    margin: 0;
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    background: var(--_surface);
    font-size: 0.85rem;
    white-space: nowrap;
  }
  .badge.host {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .elapsed {
    font-variant-numeric: tabular-nums;
  }
  .recording svg {
    color: var(--_danger);
    width: 0.9rem;
    height: 0.9rem;
  }
  .warning {
    background: var(--_warning-bg);
  }
  .quality {
    display: inline-flex;
  }
  .quality[data-quality='poor'],
  .quality[data-quality='lost'] {
    color: var(--_danger);
  }
  button.stats {
    display: inline-grid;
    place-items: center;
    width: 2.2rem;
    height: 2.2rem;
    border-radius: 999px;
    border: 1px solid var(--_line);
    background: var(--_surface);
    color: var(--_fg);
  }
  button.stats[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  @media (max-width: 640px) {
    header {
      flex-wrap: wrap;
      gap: 0.4rem;
      padding: 0.5rem 0.7rem;
    }
    h1 {
      flex-basis: 100%;
    }
  }
`;
