import { css } from 'lit';

export const styles = css`
  input[type='search'] {
    width: 100%;
  }
  li.person {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 0.3rem 0.5rem;
    padding: 0.45rem 0.2rem;
    border-bottom: 1px solid var(--_line);
    position: relative;
  }
  li.person.speaking .name {
    color: var(--_speaking);
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .state {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    color: var(--_muted);
  }
  .state .off {
    color: var(--_danger);
  }
  .state .hand {
    color: var(--_hand);
  }
  .state .quality {
    display: inline-flex;
  }
  .state .quality[data-quality='poor'],
  .state .quality[data-quality='lost'] {
    color: var(--_danger);
  }
  .tag {
    font-size: 0.75rem;
    padding: 0 0.45rem;
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_muted);
  }
  .tag.host,
  .tag.cohost {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .tag.reconnecting {
    background: #8a6d00;
    color: white;
  }
  [role='group'] {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    padding: 0.4rem 0;
  }
  .more {
    min-height: 2rem;
    padding: 0 0.5rem;
  }
`;
