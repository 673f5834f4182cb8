import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: block;
    aspect-ratio: 16 / 9;
    background: var(--_surface);
    border-radius: var(--_radius);
    overflow: hidden;
    outline: 3px solid transparent;
    transition: outline-color 120ms;
  }
  :host([speaking]) {
    outline-color: var(--_speaking);
  }
  .reaction {
    position: absolute;
    top: 0.5rem;
    right: 0.6rem;
    z-index: 2;
    font-size: 2.2rem;
    line-height: 1;
    filter: drop-shadow(0 1px 3px rgb(0 0 0 / 0.6));
    animation: pop 300ms ease-out;
  }
  @keyframes pop {
    from {
      transform: scale(0.4);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .reaction {
      animation: none;
    }
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  video[hidden] {
    display: none;
  }
  :host([source='screen']) video {
    object-fit: contain;
    background: #000;
  }
  video.mirrored {
    transform: scaleX(-1);
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  .avatar {
    width: 4.5rem;
    height: 4.5rem;
    border-radius: 50%;
    background: var(--_accent);
    display: grid;
    place-items: center;
    font-size: 1.8rem;
    font-weight: 600;
    color: white;
  }
  .label {
    position: absolute;
    left: 0.5rem;
    bottom: 0.5rem;
    display: flex;
    gap: 0.35rem;
    align-items: center;
    max-width: calc(100% - 1rem);
    padding: 0.2rem 0.5rem;
    border-radius: 6px;
    background: rgb(0 0 0 / 0.6);
    color: #f2f4f7;
    font-size: 0.85rem;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .mic-off {
    color: var(--_danger);
    display: inline-flex;
  }
  .mic-off svg {
    width: 16px;
    height: 16px;
  }
  .hand {
    color: #f5b400;
  }
  .quality {
    display: inline-flex;
    color: var(--_danger);
  }
  .quality svg {
    width: 16px;
    height: 16px;
  }
  .reconnecting {
    color: #ffcc4d;
  }
`;
