import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    min-height: 0;
    overflow: auto;
    padding: 0.75rem;
  }
  .grid {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--meeting-tile-min-width, 280px)), 1fr));
    align-content: center;
    min-height: 100%;
  }
  .spotlight {
    display: grid;
    grid-template-columns: minmax(0, min(100%, 1100px));
    justify-content: center;
    margin-bottom: 0.75rem;
  }
  .grid.strip {
    grid-template-columns: repeat(auto-fill, minmax(160px, 200px));
    min-height: 0;
    justify-content: center;
  }
  .grid.single {
    grid-template-columns: minmax(0, min(100%, 960px));
    justify-content: center;
  }
`;
