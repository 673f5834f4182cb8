/**
 * The server's clock in a test (`startTestServer({ clock })`): real time plus whatever the test
 * moved it on by, so windows and timeouts pass without waiting. Requests the server checks against
 * its clock (a signature's CurTime) take `clock.now()`.
 */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
