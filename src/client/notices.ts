import type { PartHost } from './part.js';
import type { Notice } from './snapshot.js';

/** How many notices are kept; older ones drop off. */
const MAX_NOTICES = 5;

/** The person's recent notices ("the host muted you" …), newest last: the `notices` slice. */
export class Notices {
  private seq = 0;

  constructor(private readonly host: PartHost<'notices'>) {}

  add(n: Omit<Notice, 'id'>): void {
    const notices = [...this.host.snapshot.notices, Object.freeze({ ...n, id: ++this.seq })].slice(-MAX_NOTICES);
    this.host.set({ notices: Object.freeze(notices) });
  }

  dismiss(id: number): void {
    this.host.set({ notices: Object.freeze(this.host.snapshot.notices.filter((n) => n.id !== id)) });
  }
}
