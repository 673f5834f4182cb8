import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 24rem;
    background: var(--_bg);
    color: var(--_fg);
    position: relative;
  }
  header {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    padding: 0.6rem 1rem;
    border-bottom: 1px solid rgb(255 255 255 / 0.08);
  }
  header h1 {
    font-size: 1rem;
    margin: 0;
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    background: var(--_surface);
    font-size: 0.85rem;
  }
  .badge.host {
    background: var(--_accent);
  }
  .main {
    flex: 1;
    display: flex;
    min-height: 0;
  }
  meeting-video-grid {
    flex: 1;
  }
  aside {
    width: min(22rem, 100%);
    overflow: auto;
    padding: 0.5rem 0.9rem;
    border-left: 1px solid rgb(255 255 255 / 0.08);
    background: var(--_surface);
  }
  aside[hidden] {
    display: none;
  }
  @media (max-width: 640px) {
    .main {
      flex-direction: column;
    }
    aside {
      width: 100%;
      border-left: 0;
    }
  }
  .badge.locked {
    display: inline-flex;
  }
  form.password {
    display: flex;
    gap: 0.5rem;
    justify-content: center;
    align-items: center;
    flex-wrap: wrap;
  }

  meeting-prejoin,
  meeting-wait-room {
    flex: 1;
  }
  .screen {
    flex: 1;
    display: grid;
    place-items: center;
    text-align: center;
    padding: 2rem;
  }
  .screen h1 {
    font-size: 1.4rem;
  }
  .screen .code {
    color: var(--_muted);
    font-size: 0.85rem;
  }
  .screen button,
  .banner button {
    min-height: 2.5rem;
    padding: 0 1.2rem;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: white;
  }
  .banner {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    justify-content: center;
    padding: 0.5rem;
    background: rgb(255 200 0 / 0.15);
  }
`;
