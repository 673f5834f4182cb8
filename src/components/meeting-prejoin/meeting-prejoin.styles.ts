import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    place-items: center;
    padding: 1rem;
    min-height: 100%;
  }
  .card {
    width: min(100%, 36rem);
    display: grid;
    gap: 1rem;
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 1.25rem;
  }
  h1 {
    margin: 0;
    font-size: 1.35rem;
  }
  .subject {
    color: var(--_muted);
    margin: 0;
  }
  .preview {
    position: relative;
    aspect-ratio: 16 / 9;
    background: #000;
    color: #f2f4f7;
    border-radius: var(--_radius);
    overflow: hidden;
    display: grid;
    place-items: center;
  }
  .preview video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    transform: scaleX(-1);
  }
  .toggles {
    display: flex;
    gap: 1rem;
    flex-wrap: wrap;
  }
  label {
    display: grid;
    gap: 0.3rem;
  }
  .check {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .notice {
    margin: 0;
    padding: 0.6rem 0.8rem;
    border-radius: 8px;
    background: var(--_warning-bg);
  }
  .problem {
    margin: 0;
    color: var(--_danger-fg);
  }
  .trouble {
    display: grid;
    gap: 0.4rem;
    justify-items: start;
  }
  .advice {
    margin: 0;
    color: var(--_muted);
  }
  button.retry {
    min-height: 2.25rem;
    padding: 0 0.9rem;
    border-radius: 999px;
    border: 1px solid var(--_muted);
    background: transparent;
    color: var(--_fg);
  }
  .role strong {
    color: var(--_fg);
  }
  .role {
    margin: 0;
    color: var(--_muted);
  }
  button.join {
    min-height: 2.75rem;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.join:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;
