import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embedSnippet, guestLink } from '../../src/client/console-api.js';
import { pickBundle } from '../../src/components/meeting-console/bundle-manifest.js';
import { parseInvitees, parseTopics } from '../../src/components/meeting-console/meeting-form-body.js';

test('the embed snippet: the tag for one meeting, the SRI hash when known, attributes escaped', () => {
  assert.equal(
    embedSnippet('https://meet.example/', '123456789'),
    '<script type="module" src="https://meet.example/assets/meeting-room.js"></script>\n<meeting-room server="https://meet.example" code="123456789"></meeting-room>',
  );
  const pinned = embedSnippet('https://meet.example', '123456789', { src: '/assets/meeting-room.1a2b3c.js', integrity: 'sha384-abc"def' });
  assert.match(pinned, /src="https:\/\/meet\.example\/assets\/meeting-room\.1a2b3c\.js" integrity="sha384-abc&quot;def" crossorigin="anonymous"/);
  assert.equal(guestLink('https://meet.example', { meetingId: '987654321' }), 'https://meet.example/join?code=987654321');
});

test("the bundle from the build's manifest, flat or keyed by file; nothing usable without an SRI hash", () => {
  assert.deepEqual(pickBundle({ file: 'meeting-room.1a2b.js', integrity: 'sha384-x' }), { src: '/assets/meeting-room.1a2b.js', integrity: 'sha384-x' });
  assert.deepEqual(pickBundle({ 'meeting-room.js': { src: '/assets/meeting-room.9f.js', integrity: 'sha512-y' } }), { src: '/assets/meeting-room.9f.js', integrity: 'sha512-y' });
  assert.equal(pickBundle({ file: 'meeting-room.js' }), undefined);
  assert.equal(pickBundle({ file: 'x.js', integrity: 'md5-z' }), undefined);
  assert.equal(pickBundle(null), undefined);
});

test('invitees and agenda from the form\'s lines', () => {
  assert.deepEqual(parseInvitees(' a1 host\n\nb2\nc3 stranger\n'), [
    { accountId: 'a1', role: 'host' },
    { accountId: 'b2', role: 'attendee' },
    { accountId: 'c3', role: 'attendee' },
  ]);
  assert.deepEqual(parseTopics('Intro\nBudget: Q3: numbers\n  '), [
    { title: 'Intro', content: '' },
    { title: 'Budget', content: 'Q3: numbers' },
  ]);
});
