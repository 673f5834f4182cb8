import { css } from 'lit';

export const styles = css`
  :host {
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--_line);
  }
  .row h2 {
    flex: 1;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.8rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: start;
    padding: 0.2rem 0.3rem;
    border-bottom: 1px solid var(--_line);
  }
  tbody th {
    font-weight: normal;
    overflow-wrap: anywhere;
  }
`;
