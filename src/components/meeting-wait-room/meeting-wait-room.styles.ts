import { css } from 'lit';

export const styles = css`
  .screen {
    display: grid;
    place-items: center;
    text-align: center;
    min-height: 16rem;
    padding: 2rem;
  }
  .screen h1 {
    font-size: 1.3rem;
  }
  .name {
    flex: 1;
    font-weight: 600;
  }
`;
