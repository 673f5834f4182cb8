import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, httpStatusFor } from '../../src/protocol/errors.js';
import { joinRequestSchema } from '../../src/protocol/join.js';
import { createMeetingSchema } from '../../src/protocol/meeting.js';
import { joinParamsFromQuery } from '../../src/client/join-api.js';

test('error codes keep their vendor numbers', () => {
  assert.equal(ErrorCode.INVALID_PARAMETER, 300);
  assert.equal(ErrorCode.MEETING_NOT_FOUND, 2000);
  assert.equal(ErrorCode.MEETING_ENDED, 2021);
  assert.equal(ErrorCode.NOT_STARTED, 2030);
  assert.equal(ErrorCode.NONCE_REUSED, 2109);
  assert.equal(ErrorCode.TIME_OUT_OF_WINDOW, 2110);
  const numbers = Object.values(ErrorCode);
  assert.equal(new Set(numbers).size, numbers.length, 'a number is used twice');
});

test('every code maps to one of the documented HTTP statuses', () => {
  for (const code of Object.values(ErrorCode)) assert.ok([200, 400, 401, 403, 404, 409, 429, 500].includes(httpStatusFor(code)), String(code));
  assert.equal(httpStatusFor(ErrorCode.MEETING_NOT_FOUND), 404);
  assert.equal(httpStatusFor(ErrorCode.AUTH_FAILED), 401);
  assert.equal(httpStatusFor(ErrorCode.INTERNAL), 500);
});

test('join-link roles: names and vendor numbers', () => {
  const role = (r: string | number) => joinRequestSchema.parse({ code: '123456789', role: r }).role;
  assert.equal(role('host'), 'host');
  assert.equal(role('1'), 'host');
  assert.equal(role(2), 'attendee');
  assert.equal(role('audience'), 'audience');
  assert.equal(joinRequestSchema.safeParse({ code: '123456789', role: 'admin' }).success, false);
});

test('join-link camera and mic flags', () => {
  const parsed = joinRequestSchema.parse({ code: '123456789', v: '0', a: '1' });
  assert.equal(parsed.v, false);
  assert.equal(parsed.a, true);
  assert.equal(joinRequestSchema.safeParse({ code: '123456789', v: 'on' }).success, false);
});

test('display names: CJK and letters yes; markup and control characters no', () => {
  const ok = (name: string) => joinRequestSchema.safeParse({ code: '123456789', name }).success;
  assert.ok(ok('王小明'));
  assert.ok(ok("Zoë O'Neil"));
  assert.ok(!ok('<img src=x>'));
  assert.ok(!ok('a\u0000b'));
  assert.ok(!ok('x'.repeat(33)));
  assert.ok(!ok('   '));
  // Emoji sequences and Persian's non-joiner are names; invisible, look-alike and multi-line ones are not.
  for (const name of ['Ana 👩‍💻', '👨‍👩‍👧', 'Ana ❤️', '👍🏽', 'می‌خواهم', '李 (PM)']) assert.ok(ok(name), name);
  for (const name of ['Host\u200d', '\u200d \u200d', '\u3164', '\u2800', 'x\u2029y', 'a\u202eb', '\u0301', '...']) assert.ok(!ok(name), JSON.stringify(name));
});

test('a subject is 1 to 30 characters after trimming', () => {
  assert.ok(createMeetingSchema.safeParse({ type: 1, subject: '设'.repeat(30) }).success);
  assert.ok(!createMeetingSchema.safeParse({ type: 1, subject: '设'.repeat(31) }).success);
});

test('the page reads only join-link parameters from its address', () => {
  assert.deepEqual(joinParamsFromQuery('?code=123456789&name=A%20B&v=0&role=1&evil=1&lang='), { code: '123456789', name: 'A B', v: '0', role: '1' });
});
