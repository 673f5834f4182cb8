import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import type { MeetingController } from '../client/meeting-controller.js';
import type { MeetingSnapshot } from '../client/snapshot.js';
import { controllerContext, snapshotContext } from './context.js';

/**
 * Base of the elements inside a meeting: they read the snapshot and call the controller that
 * `<meeting-room>` (or any provider) gives through context, and never touch livekit-client.
 */
export class MeetingElement extends LitElement {
  @consume({ context: controllerContext })
  controller?: MeetingController;

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  snapshot?: MeetingSnapshot;
}
