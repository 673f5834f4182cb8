import { css } from 'lit';

/** What every console panel shares: headings, forms, tables, buttons, the status line. */
export const panelStyles = css`
  :host {
    display: block;
    /* On its own on a page, a panel paints its own background so that its text stays readable. */
    background: var(--_bg);
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 0.8rem;
  }
  h3 {
    font-size: 1rem;
    margin: 1rem 0 0.5rem;
  }
  form.grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.7rem 1rem;
    align-items: end;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.9rem;
    color: var(--_muted);
  }
  label.check {
    flex-direction: row;
    align-items: center;
    color: var(--_fg);
  }
  fieldset {
    border: 1px solid var(--_line);
    border-radius: 8px;
    padding: 0.5rem 0.8rem 0.8rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 1rem;
    grid-column: 1 / -1;
  }
  legend {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  select,
  textarea,
  input[type='number'],
  input[type='datetime-local'],
  input[type='url'] {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border-radius: 8px;
    border: 1px solid var(--_muted);
    background: var(--_bg);
    color: var(--_fg);
  }
  textarea {
    min-height: 4.5rem;
    resize: vertical;
  }
  .wide {
    grid-column: 1 / -1;
  }
  button {
    min-height: 2.2rem;
    padding: 0 0.9rem;
    border-radius: 999px;
    border: 1px solid var(--_muted);
    background: transparent;
    color: var(--_fg);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_fg);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin-top: 0.8rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.5rem 0.4rem;
    border-bottom: 1px solid var(--_line);
    vertical-align: top;
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.85rem;
  }
  td.actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  .status {
    min-height: 1.4rem;
    margin: 0.5rem 0;
    color: var(--_muted);
  }
  .error {
    color: var(--_danger-fg);
  }
  .empty {
    color: var(--_muted);
    padding: 1rem 0;
  }
  code {
    font-family: ui-monospace, monospace;
  }
`;
