import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_DATA_STREAM_TOPIC, isReservedTopic } from '../../src/protocol/app-data.js';
import { CHAT_TOPIC, CONTROL_TOPIC } from '../../src/protocol/control.js';
import { reactionSendSchema } from '../../src/protocol/reaction-schemas.js';
import { REACTIONS, REACTION_TOPIC, isReaction } from '../../src/protocol/reactions.js';
import { MeetingError } from '../../src/server/errors.js';
import { burstLimit } from '../../src/server/services/bursts.js';

test('a reaction is one emoji of the set, nothing else', () => {
  for (const emoji of REACTIONS) assert.deepEqual(reactionSendSchema.parse({ emoji }), { emoji });
  for (const bad of [{ emoji: '💩' }, { emoji: '👍👍' }, { emoji: '<img src=x>' }, { emoji: '' }, {}, { emoji: '👍', extra: 1 }, { emoji: 1 }]) {
    assert.equal(reactionSendSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
  assert.equal(isReaction('❤️'), true);
  assert.equal(isReaction('❤'), false, 'the heart without its variation selector is not the one offered');
});

test('the meeting\'s own topics (and LiveKit\'s) are reserved; an app\'s are not', () => {
  for (const topic of [CHAT_TOPIC, CONTROL_TOPIC, REACTION_TOPIC, APP_DATA_STREAM_TOPIC, 'meeting.anything', 'lk.chat', 'lk-chat-topic']) assert.equal(isReservedTopic(topic), true, topic);
  for (const topic of ['app', 'whiteboard', 'my.meeting.notes', 'cursor']) assert.equal(isReservedTopic(topic), false, topic);
});

test('a burst limit lets N through per key, then refuses with the typed 510, other keys unaffected', async () => {
  const take = burstLimit(3, 60, 'slow down');
  for (let i = 0; i < 3; i++) await take('m1:alice');
  await assert.rejects(take('m1:alice'), (err: unknown) => err instanceof MeetingError && err.code === 510 && err.message === 'slow down');
  await take('m1:bob');
  await take('m2:alice');
});
