import { provide } from '@lit/context';
import { fixture, html } from '@open-wc/testing';
import { LitElement, css, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MeetingClientError } from '../../src/client/join-api.js';
import type { LayoutMode } from '../../src/client/layout.js';
import type { ChatMessage } from '../../src/protocol/chat.js';
import type { Emoji, Reaction } from '../../src/protocol/reactions.js';
import type { MeetingApi, Seat } from '../../src/client/meeting-api.js';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { initialSnapshot, type DeviceKind, type MeetingSnapshot, type ParticipantView, type VideoQualityChoice } from '../../src/client/snapshot.js';
import { controllerContext, snapshotContext } from '../../src/components/context.js';
import { themes, tokens } from '../../src/components/styles/tokens.js';
import type { ControlAction } from '../../src/protocol/control-actions.js';
import type { SelfAction, WaitingPerson } from '../../src/protocol/control.js';
import type { ErrorCode } from '../../src/protocol/errors.js';
import type { JoinGrant, JoinRequest } from '../../src/protocol/join.js';
import type { Role } from '../../src/protocol/roles.js';

/** Provides a snapshot, a controller and a theme to its children, on the room's background, as `<meeting-room>` does. */
@customElement('test-meeting-provider')
export class TestMeetingProvider extends LitElement {
  static override styles = [
    themes,
    tokens,
    css`
      :host {
        display: block;
        background: var(--_bg);
      }
    `,
  ];
  @provide({ context: snapshotContext }) @property({ attribute: false }) snapshot: MeetingSnapshot = initialSnapshot;
  @provide({ context: controllerContext }) @property({ attribute: false }) controller?: MeetingController;
  @property({ reflect: true }) theme: 'dark' | 'light' = 'dark';
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
    recording: false,
    ...overrides,
  };
}

/** In the meeting as `role`, with `others` (and me first). */
export function snapshotFor(role: Role, others: ParticipantView[] = [], extra: Partial<MeetingSnapshot> = {}): MeetingSnapshot {
  const me = person({ identity: 'me', name: 'Me', isLocal: true, role });
  return { ...initialSnapshot, phase: 'connected', participants: [me, ...others], me: { identity: 'me', name: 'Me', role, roleDowngraded: false }, ...extra };
}

/**
 * A real controller whose actions only record themselves: `calls` holds each action's name, and
 * host actions as `host.name:args` (the arguments in the order `controller.host.name` takes them).
 */
export class RecordingController extends MeetingController {
  readonly calls: string[] = [];
  /** Each call with its arguments. */
  readonly log: Array<{ name: string; args: unknown[] }> = [];

  private record(name: string, args: unknown[]): void {
    this.calls.push(name);
    this.log.push({ name, args });
  }

  override async join(name?: string) {
    this.record('join', [name]);
  }
  override async leave() {
    this.record('leave', []);
  }
  override async toggleMic() {
    this.record('toggleMic', []);
  }
  override async toggleCamera() {
    this.record('toggleCamera', []);
  }
  override async toggleScreenShare() {
    this.record('toggleScreenShare', []);
  }
  override async setPreviewMic(on: boolean) {
    this.record('setPreviewMic', [on]);
  }
  override async setPreviewCamera(on: boolean) {
    this.record('setPreviewCamera', [on]);
  }
  override async startAudio() {
    this.record('startAudio', []);
  }
  override async setHand(raised: boolean) {
    this.record('setHand', [raised]);
    return true;
  }
  override async renameMe(name: string) {
    this.record('renameMe', [name]);
    return true;
  }
  override watchStats(on: boolean) {
    this.record('watchStats', [on]);
  }
  override dismissNotice(id: number) {
    this.record('dismissNotice', [id]);
  }
  override async sendChat(text: string, opts: { to?: string | null } = {}) {
    this.record('sendChat', [text, opts.to ?? null]);
    return true;
  }
  override async sendFile(file: Blob, opts: { to?: string | null } = {}) {
    this.record('sendFile', [file, opts.to ?? null]);
    return true;
  }
  override cancelFile(id: string) {
    this.record('cancelFile', [id]);
  }
  override async react(emoji: Emoji) {
    this.record('react', [emoji]);
    return true;
  }
  override setChatOpen(open: boolean) {
    this.record('setChatOpen', [open]);
  }
  override setLayout(mode: LayoutMode) {
    this.record('setLayout', [mode]);
  }
  override pin(key: string | null) {
    this.record('pin', [key]);
  }
  override showPage(page: number) {
    this.record('showPage', [page]);
  }
  override setVideoQuality(key: string, quality: VideoQualityChoice) {
    this.record('setVideoQuality', [key, quality]);
  }
  override async chooseDevice(kind: DeviceKind, deviceId: string) {
    this.record('chooseDevice', [kind, deviceId]);
  }
  override async flipCamera() {
    this.record('flipCamera', []);
  }
  override async setAudioOnly(on: boolean) {
    this.record('setAudioOnly', [on]);
  }
  override async joinWithAudio() {
    this.record('joinWithAudio', []);
    return true;
  }
  override async startRecording() {
    this.record('startRecording', []);
  }
  override pauseRecording() {
    this.record('pauseRecording', []);
  }
  override resumeRecording() {
    this.record('resumeRecording', []);
  }
  override async stopRecording() {
    this.record('stopRecording', []);
    return new Blob([], { type: 'video/webm' });
  }
  override saveRecording(fileName?: string) {
    this.record('saveRecording', [fileName]);
    return true;
  }
  override async control(action: ControlAction) {
    const { action: name, ...args } = action;
    this.calls.push(`host.${name}:${Object.values(args).join(',')}`);
    this.log.push({ name: `host.${name}`, args: Object.values(args) });
    return true;
  }
}

/**
 * The meeting server as a test wants it: `join` answers with `answer` (a grant, or a refusal
 * thrown), every call is kept in `seen`; a wait stays open in `pendingWait` until the test ends it.
 */
export class FakeMeetingApi implements MeetingApi {
  readonly joins: JoinRequest[] = [];
  /** The meeting server each join was sent to. */
  readonly servers: string[] = [];
  readonly seen: Array<{ call: string; body?: unknown }> = [];
  pendingWait?: { ticket: string; position: (n: number) => void; admit: (grant: JoinGrant) => void; aborted: Promise<void> };

  constructor(private readonly answer: (params: JoinRequest) => JoinGrant | MeetingClientError) {}

  async join(server: string, params: JoinRequest): Promise<JoinGrant> {
    this.joins.push(params);
    this.servers.push(server);
    const answer = this.answer(params);
    if (answer instanceof MeetingClientError) throw answer;
    return answer;
  }
  wait(_server: string, ticket: string, onPosition: (position: number) => void, signal: AbortSignal): Promise<JoinGrant> {
    return new Promise((resolve, reject) => {
      const aborted = new Promise<void>((r) =>
        signal.addEventListener('abort', () => {
          reject(new MeetingClientError(200, 'left'));
          r();
        }),
      );
      this.pendingWait = { ticket, position: onPosition, admit: resolve, aborted };
    });
  }
  async control(_seat: Seat, action: ControlAction): Promise<void> {
    this.seen.push({ call: 'control', body: action });
  }
  async hand(_seat: Seat, raised: boolean): Promise<void> {
    this.seen.push({ call: 'hand', body: { raised } });
  }
  async self(_seat: Seat, action: SelfAction): Promise<void> {
    this.seen.push({ call: 'self', body: action });
  }
  async waiting(): Promise<WaitingPerson[]> {
    this.seen.push({ call: 'waiting' });
    return [];
  }
  /** The history `chatHistory` answers; `chat` stores each message into it. */
  readonly chatLog: ChatMessage[] = [];
  async chat(_seat: Seat, body: { text: string; to?: string | null }): Promise<ChatMessage> {
    this.seen.push({ call: 'chat', body });
    const message = { id: this.chatLog.length + 1, from: 'me', fromName: 'Me', to: body.to ?? null, text: body.text, at: Date.now() };
    this.chatLog.push(message);
    return message;
  }
  async chatHistory(): Promise<ChatMessage[]> {
    this.seen.push({ call: 'chatHistory' });
    return [...this.chatLog];
  }
  async reaction(_seat: Seat, body: { emoji: Emoji }): Promise<Reaction> {
    this.seen.push({ call: 'reaction', body });
    return { id: `r${this.seen.length}`, from: 'me', fromName: 'Me', emoji: body.emoji, at: Date.now() };
  }
}

export function refusal(code: ErrorCode, msg: string, startTime?: number): MeetingClientError {
  return new MeetingClientError(code, msg, startTime);
}

type Updatable = HTMLElement & { updateComplete: Promise<unknown> };

/**
 * Mounts `template` inside a provider giving it `snapshot`, a recording controller and a theme; `show()`
 * gives a new snapshot and waits until the element has rendered it.
 */
export async function mount<T extends Updatable>(template: TemplateResult, snapshot: MeetingSnapshot = snapshotFor('attendee'), theme: 'dark' | 'light' = 'dark') {
  const controller = new RecordingController();
  const provider = await fixture<TestMeetingProvider>(html`<test-meeting-provider .snapshot=${snapshot} .controller=${controller} theme=${theme}>${template}</test-meeting-provider>`);
  const el = provider.firstElementChild as T;
  await el.updateComplete;
  const show = async (next: MeetingSnapshot) => {
    provider.snapshot = next;
    await provider.updateComplete;
    await el.updateComplete;
  };
  return { el, root: el.shadowRoot!, provider, controller, calls: controller.calls, show };
}

/** Lets the handlers of a click (often async) run. */
export const settle = () => new Promise((r) => setTimeout(r));
