import { provide } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MeetingController } from '../../src/client/meeting-controller.js';
import { initialSnapshot, type MeetingSnapshot, type ParticipantView } from '../../src/client/snapshot.js';
import { controllerContext, snapshotContext } from '../../src/components/context.js';

/** Provides a snapshot and a controller to its children, as `<meeting-room>` does. */
@customElement('test-meeting-provider')
export class TestMeetingProvider extends LitElement {
  @provide({ context: snapshotContext }) @property({ attribute: false }) snapshot: MeetingSnapshot = initialSnapshot;
  @provide({ context: controllerContext }) @property({ attribute: false }) controller?: MeetingController;
  override render() {
    return html`<slot></slot>`;
  }
}

export function person(overrides: Partial<ParticipantView> = {}): ParticipantView {
  return {
    identity: 'p_1',
    name: 'Ada Lovelace',
    role: 'attendee',
    isLocal: false,
    micOn: true,
    cameraOn: false,
    screenOn: false,
    speaking: false,
    connectionQuality: 'good',
    reconnecting: false,
    handAt: null,
    shareRequest: '',
    ...overrides,
  };
}

/** A controller stand-in that records the actions called on it (host actions as `host.name:args`). */
export function recordingController(): { controller: MeetingController; calls: string[] } {
  const calls: string[] = [];
  const actions = ['toggleMic', 'toggleCamera', 'toggleScreenShare', 'leave', 'join', 'setPreviewMic', 'setPreviewCamera', 'startAudio', 'setHand', 'renameMe', 'dismissNotice'];
  const host = new Proxy({}, { get: (_t, name) => async (...args: unknown[]) => void calls.push(`host.${String(name)}:${args.join(',')}`) });
  const controller = { ...Object.fromEntries(actions.map((name) => [name, async () => void calls.push(name)])), host } as unknown as MeetingController;
  return { controller, calls };
}
