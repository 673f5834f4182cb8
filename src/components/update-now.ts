import type { ReactiveElement } from 'lit';

/**
 * Runs an element's pending update now rather than in its turn: Lit updates new elements one
 * microtask each, in document order, so an element late in a first render waits for all the
 * others' (`performUpdate()` is Lit's way to flush one at once; the queued turn then does nothing).
 */
export function updateNow(element: ReactiveElement | null | undefined): void {
  // Only once connected: Lit makes the render root and lets updates run in connectedCallback.
  if (element?.isConnected && element.isUpdatePending) (element as unknown as { performUpdate(): void }).performUpdate();
}
