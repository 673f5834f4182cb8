import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialSnapshot, type MeetingSnapshot, type ParticipantView } from '../../src/client/snapshot.js';
import { bitrateBetween, formatBitrate, lossBetween, sampleOf, statsText, type StatEntry } from '../../src/client/track-stats.js';
import { clockStart, formatElapsed } from '../../src/components/meeting-header/elapsed.js';
import { changesBetween } from '../../src/components/meeting-room/announcements.js';
import { shortcutOf } from '../../src/components/shortcuts.js';

test('the meeting clock reads m:ss, then h:mm:ss, never negative', () => {
  const cases: Array<[number, string]> = [
    [-5000, '0:00'],
    [0, '0:00'],
    [999, '0:00'],
    [59_000, '0:59'],
    [61_000, '1:01'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [36_062_000, '10:01:02'],
  ];
  for (const [ms, text] of cases) assert.equal(formatElapsed(ms), text, String(ms));
});

test('the clock starts at the meeting start once it has come, else when I joined', () => {
  assert.equal(clockStart(1000, 5000), 1000);
  assert.equal(clockStart(9000, 5000), 5000);
  assert.equal(clockStart(undefined, 5000), 5000);
});

const sent: StatEntry[] = [
  { type: 'outbound-rtp', kind: 'video', bytesSent: 100_000, packetsSent: 100, framesPerSecond: 15, frameWidth: 320, frameHeight: 180 },
  { type: 'outbound-rtp', kind: 'video', bytesSent: 400_000, packetsSent: 400, framesPerSecond: 30, frameWidth: 1280, frameHeight: 720 },
  { type: 'remote-inbound-rtp', packetsLost: 5, roundTripTime: 0.042 },
  { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.01 },
];

test('a sent track sums its simulcast layers and takes the round trip from RTCP', () => {
  assert.deepEqual(sampleOf(sent, 'send', 1000), { at: 1000, bytes: 500_000, packets: 500, lost: 5, fps: 30, width: 1280, height: 720, rtt: 42 });
});

test('a received track takes the round trip from the ICE pair when RTCP has none', () => {
  const received: StatEntry[] = [
    { type: 'inbound-rtp', bytesReceived: 2000, packetsReceived: 90, packetsLost: 10, framesPerSecond: 24, frameWidth: 640, frameHeight: 360 },
    { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 0.5 },
    { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.0125 },
    { type: 'outbound-rtp', bytesSent: 999 },
  ];
  assert.deepEqual(sampleOf(received, 'receive', 0), { at: 0, bytes: 2000, packets: 90, lost: 10, fps: 24, width: 640, height: 360, rtt: 13 });
  assert.equal(sampleOf([], 'receive', 0).rtt, undefined);
});

test('bitrate and loss are over the last interval', () => {
  const a = { at: 1000, bytes: 10_000, packets: 100, lost: 0 };
  const b = { at: 2000, bytes: 135_000, packets: 190, lost: 10 };
  assert.equal(bitrateBetween(undefined, b), 0);
  assert.equal(bitrateBetween(a, b), 1_000_000);
  assert.equal(bitrateBetween(b, a), 0, 'counters that went back (a new stream) read as 0, not negative');
  assert.equal(bitrateBetween(a, { ...b, at: 1000 }), 0);
  assert.equal(lossBetween(a, b, 'receive'), 0.1, '10 lost of 100 sent (90 received)');
  assert.equal(lossBetween(a, b, 'send'), 10 / 90, 'sent packets count the lost ones');
  assert.equal(lossBetween(a, a, 'receive'), 0);
  assert.equal(lossBetween(undefined, { at: 0, bytes: 0, packets: 0, lost: 3 }, 'send'), 0);
});

test('bitrates read in kbps and Mbps; the copied text has one line per track', () => {
  assert.equal(formatBitrate(0), '0 kbps');
  assert.equal(formatBitrate(349_600), '350 kbps');
  assert.equal(formatBitrate(1_250_000), '1.3 Mbps');
  const text = statsText(
    [
      { id: 'send:TR_1', participant: 'Ada', source: 'camera', kind: 'video', direction: 'send', bitrate: 1_200_000, fps: 29.7, width: 1280, height: 720, loss: 0.0123, rtt: 42 },
      { id: 'receive:TR_2', participant: 'Bob', source: 'microphone', kind: 'audio', direction: 'receive', bitrate: 32_000, loss: 0 },
    ],
    new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  );
  assert.equal(
    text,
    ['meeting stats 2026-01-02T03:04:05.000Z', 'send video camera Ada, 1.2 Mbps, 30 fps, 1280x720, loss 1.2%, rtt 42 ms', 'receive audio microphone Bob, 32 kbps, loss 0.0%'].join('\n'),
  );
});

test('Alt+letter shortcuts, never while typing or with other modifiers', () => {
  const key = (code: string, extra: Partial<Parameters<typeof shortcutOf>[0]> = {}) =>
    shortcutOf({ code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, typing: false, ...extra });
  assert.deepEqual(['KeyM', 'KeyV', 'KeyH', 'KeyP', 'KeyL'].map((c) => key(c)), ['mic', 'camera', 'hand', 'panel', 'leave']);
  assert.equal(key('KeyX'), undefined);
  assert.equal(key('KeyM', { typing: true }), undefined);
  assert.equal(key('KeyM', { altKey: false }), undefined);
  assert.equal(key('KeyM', { ctrlKey: true }), undefined);
  assert.equal(key('KeyM', { metaKey: true }), undefined);
  assert.equal(key('KeyM', { shiftKey: true }), undefined);
  assert.equal(key('KeyM', { repeat: true }), undefined);
});

const someone = (identity: string, extra: Partial<ParticipantView> = {}): ParticipantView => ({
  identity,
  name: identity.toUpperCase(),
  role: 'attendee',
  isLocal: false,
  micOn: false,
  cameraOn: false,
  screenOn: false,
  speaking: false,
  connectionQuality: 'good',
  reconnecting: false,
  handAt: null,
  shareRequest: '',
  recording: false,
  ...extra,
});
const at = (participants: ParticipantView[], phase: MeetingSnapshot['phase'] = 'connected'): MeetingSnapshot => ({ ...initialSnapshot, phase, participants });

test('joins, leaves, hands and layout changes are announced; the people there when I join are not', () => {
  const me = someone('me', { isLocal: true });
  assert.deepEqual(changesBetween(at([], 'connecting'), at([me, someone('a')]), 'gallery', 'gallery'), []);
  assert.deepEqual(
    changesBetween(at([me, someone('a'), someone('b')]), at([someone('me', { isLocal: true, handAt: 5 }), someone('b', { handAt: 7 }), someone('c')]), 'gallery', 'focus'),
    [
      { kind: 'hand', name: 'B' },
      { kind: 'joined', name: 'C' },
      { kind: 'left', name: 'A' },
      { kind: 'layout', mode: 'focus' },
    ],
  );
  assert.deepEqual(changesBetween(at([me, someone('b', { handAt: 7 })]), at([me, someone('b', { handAt: 7 })]), 'speaker', 'speaker'), []);
  assert.deepEqual(changesBetween(at([me, someone('a')]), at([], 'left'), 'gallery', 'gallery'), []);
});
