import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 16rem;
    height: 100%;
    gap: 0.5rem;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    /* The chat keeps its end in view itself: the browser's anchoring would scroll it away from the end as a thumbnail grows. */
    overflow-anchor: none;
  }
  .log ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .log li {
    padding: 0.35rem 0;
    border-bottom: 1px solid rgb(255 255 255 / 0.06);
  }
  .meta {
    display: flex;
    gap: 0.4rem;
    align-items: baseline;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .meta .who {
    font-weight: 600;
    color: var(--_fg);
  }
  .private {
    color: var(--_link);
  }
  .text {
    margin: 0.15rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .text a {
    color: var(--_link);
  }
  .empty {
    color: var(--_muted);
    margin: 0.5rem 0;
  }
  form {
    display: grid;
    gap: 0.4rem;
  }
  label {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  textarea {
    font: inherit;
    resize: vertical;
    min-height: 2.6rem;
    max-height: 10rem;
    padding: 0.45rem 0.6rem;
    border-radius: var(--_radius);
    border: 1px solid rgb(255 255 255 / 0.18);
    background: var(--_bg);
    color: var(--_fg);
  }
  textarea:focus-visible,
  select:focus-visible,
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .row {
    display: flex;
    gap: 0.4rem;
    align-items: center;
    justify-content: space-between;
  }
  .limit {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .limit.over {
    color: var(--meeting-danger-fg, #ff9aa0);
  }
  .file {
    margin-top: 0.25rem;
    padding: 0.4rem 0.5rem;
    border-radius: var(--_radius);
    background: rgb(255 255 255 / 0.05);
    display: grid;
    gap: 0.3rem;
  }
  .file-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: baseline;
    font-size: 0.85rem;
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-size,
  .file-type,
  .file-status,
  .file-percent {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .file-status {
    margin: 0;
    display: flex;
    gap: 0.5rem;
  }
  .file-progress {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .file-progress progress {
    flex: 1;
    min-width: 0;
  }
  .file-download {
    color: var(--_link);
  }
  .thumb {
    display: block;
    max-width: 100%;
    max-height: 10rem;
    border-radius: var(--_radius);
  }
  .refused {
    margin: 0;
    font-size: 0.85rem;
    color: var(--meeting-danger-fg, #ff9aa0);
  }
  .refused:empty {
    display: none;
  }
  .closed {
    font-size: 0.85rem;
    color: var(--_muted);
  }
`;
