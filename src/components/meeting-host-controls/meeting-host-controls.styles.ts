import { css } from 'lit';

export const styles = css`
  label.row {
    cursor: pointer;
  }
  input[type='checkbox'] {
    width: 1.1rem;
    height: 1.1rem;
    accent-color: var(--_accent);
  }
`;
