/**
 * Polls `check` until it answers true, or fails naming `what` once `timeoutMs` ran out. For things
 * that happen in the background (a webhook delivered, a clock tick); not a timed assertion.
 */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, { timeoutMs = 15_000, intervalMs = 25 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
