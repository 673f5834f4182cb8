import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsoleApi } from '../../client/console-api.js';
import { MeetingClientError } from '../../client/join-api.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { UserDto } from '../../protocol/users.js';

/**
 * What each panel of the console shares: the API as the signed-in person, and one status line
 * (a polite live region) for what the last action did or why it was refused.
 */
export abstract class ConsolePanel extends LitElement {
  @property({ attribute: false }) api?: ConsoleApi;
  @property({ attribute: false }) user?: UserDto;
  @state() protected status = '';
  @state() protected failed = false;

  /** Runs an action, telling its outcome in the status line; a refusal shows the server's reason. */
  protected async run<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    this.failed = false;
    try {
      const result = await action();
      if (done !== undefined) this.status = done;
      return result;
    } catch (err) {
      this.failed = true;
      this.status = err instanceof MeetingClientError ? `${err.msg} (${err.code})` : String(err);
      // A session that ended (signed out elsewhere, expired) sends the person back to sign in.
      if (err instanceof MeetingClientError && err.code === ErrorCode.AUTH_FAILED) this.dispatchEvent(new CustomEvent('meeting-signed-out', { bubbles: true, composed: true }));
      return undefined;
    }
  }

  /** Copies a text and says so. */
  protected async copy(text: string, done: string): Promise<void> {
    await this.run(() => navigator.clipboard.writeText(text), done);
  }
}
