import { css } from 'lit';

/** The round toolbar button, shared by the toolbar and the elements that sit in it (reactions, recorder). */
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
`;
