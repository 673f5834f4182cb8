/**
 * `meeting-room/react`: React components over the elements, made by `@lit/react`'s createComponent:
 * properties are set as properties, and each `meeting-*` event is an `onMeeting…` prop
 * (`meeting-joined` → `onMeetingJoined`). Importing this registers the tags (`meeting-room/define`).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../components/define.js';
import { elements, type MeetingTagName } from '../components/elements.js';

type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;
type MeetingEventName = Extract<keyof HTMLElementEventMap, `meeting-${string}`>;
type EventProps<N extends MeetingEventName> = { [K in N as `on${Pascal<K>}`]: EventName<HTMLElementEventMap[K]> };

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());

/** The React prop of each event: `meeting-joined` → `onMeetingJoined`. */
export function eventProps<const N extends MeetingEventName>(names: readonly N[]): EventProps<N> {
  return Object.fromEntries(names.map((name) => [`on${pascal(name)}`, name])) as unknown as EventProps<N>;
}

/** The events each element fires (its `@fires`), as React props; the package test holds this to the manifest. */
export const reactEvents = {
  'meeting-room': [
    'meeting-joined',
    'meeting-left',
    'meeting-error',
    'meeting-chat',
    'meeting-connection-change',
    'meeting-participant-joined',
    'meeting-participant-left',
    'meeting-mic-change',
    'meeting-camera-change',
    'meeting-share-change',
    'meeting-hand-change',
    'meeting-role-change',
    'meeting-recording-change',
    'meeting-recorder-change',
    'meeting-waiting-added',
    'meeting-waiting-removed',
    'meeting-me-waiting',
    'meeting-me-admitted',
    'meeting-snapshot-change',
    'meeting-reaction',
    'meeting-app-data',
    'meeting-app-data-progress',
  ],
  'meeting-header': ['meeting-stats-toggle'],
  'meeting-toolbar': ['meeting-panel-toggle'],
} as const satisfies Partial<Record<MeetingTagName, readonly MeetingEventName[]>>;

type EventsOf<T extends MeetingTagName> = T extends keyof typeof reactEvents ? (typeof reactEvents)[T][number] : never;

function wrap<T extends MeetingTagName>(tagName: T) {
  const elementClass = elements[tagName] as unknown as new () => HTMLElementTagNameMap[T];
  const events = ((reactEvents as Partial<Record<MeetingTagName, readonly MeetingEventName[]>>)[tagName] ?? []) as readonly EventsOf<T>[];
  return createComponent({ react: React, tagName, elementClass, events: eventProps(events), displayName: pascal(tagName) });
}

export const MeetingRoom = wrap('meeting-room');
export const MeetingPrejoin = wrap('meeting-prejoin');
export const MeetingHeader = wrap('meeting-header');
export const MeetingVideoGrid = wrap('meeting-video-grid');
export const MeetingVideoTile = wrap('meeting-video-tile');
export const MeetingAudio = wrap('meeting-audio');
export const MeetingToolbar = wrap('meeting-toolbar');
export const MeetingRoster = wrap('meeting-roster');
export const MeetingChat = wrap('meeting-chat');
export const MeetingHostControls = wrap('meeting-host-controls');
export const MeetingWaitRoom = wrap('meeting-wait-room');
export const MeetingNotices = wrap('meeting-notices');
export const MeetingStats = wrap('meeting-stats');
export const MeetingDeviceSettings = wrap('meeting-device-settings');
export const MeetingMicLevel = wrap('meeting-mic-level');
export const MeetingRenameDialog = wrap('meeting-rename-dialog');
export const MeetingReactions = wrap('meeting-reactions');
