import { css } from 'lit';

export const styles = css`
  :host {
    position: absolute;
    top: 3.5rem;
    left: 50%;
    transform: translateX(-50%);
    z-index: 5;
    width: min(32rem, 92%);
    pointer-events: none;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
  }
  .notice {
    pointer-events: auto;
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.55rem 0.8rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.4);
  }
  .notice span {
    flex: 1;
  }
  button {
    min-height: 2rem;
    padding: 0 0.8rem;
    border-radius: 999px;
    border: 0;
    background: var(--_bg);
    color: var(--_fg);
  }
  button.act {
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;
