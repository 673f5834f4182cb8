import { css } from 'lit';

/**
 * The round toolbar button, shared by the toolbar and the elements that sit in it (reactions,
 * recorder). Where the toolbar is narrow (a phone, a small frame) the buttons show their icon only:
 * the label stays for screen readers and the tooltip, but ten labelled buttons would otherwise take
 * half a phone's screen from the videos.
 */
export const toolbarButton = css`
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.75rem;
    padding: 0 1rem;
    border: 0;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_fg);
  }
  @container (max-width: 720px) {
    button:has(> svg, > [aria-hidden='true']) {
      min-width: 2.75rem;
      padding: 0 0.7rem;
      justify-content: center;
    }
    button:has(> svg, > [aria-hidden='true']) > .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }
`;
