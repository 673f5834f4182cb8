import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkSum, curTimeMs, sameHex } from '../../src/server/auth/checksum.js';
import { HostLinkSigner } from '../../src/server/services/host-links.js';
import { Role } from '../../src/protocol/roles.js';

test('CheckSum is lowercase hex SHA-1 of AppSecret + Nonce + CurTime (SPEC M8)', () => {
  const expected = createHash('sha1').update('secret' + 'nonce-1' + '1700000000000').digest('hex');
  assert.equal(checkSum('secret', 'nonce-1', '1700000000000'), expected);
  assert.match(expected, /^[0-9a-f]{40}$/);
  assert.ok(sameHex(expected, expected.toUpperCase()));
  assert.ok(!sameHex(expected, expected.slice(1)));
});

test('CurTime in seconds or milliseconds; anything else refused', () => {
  assert.equal(curTimeMs('1700000000'), 1_700_000_000_000);
  assert.equal(curTimeMs('1700000000123'), 1_700_000_000_123);
  for (const bad of ['', '-1', '1.5', '17e11', ' 1', 'abc', '1'.repeat(17)]) assert.equal(curTimeMs(bad), undefined, bad);
});

test('host links verify only for the same meeting, role and expiry, before expiry', () => {
  const signer = new HostLinkSigner('s'.repeat(32));
  const exp = 2_000_000;
  const hk = signer.sign(7, Role.HOST, exp);
  assert.ok(signer.verify(7, Role.HOST, exp, hk, 1_000_000));
  assert.ok(!signer.verify(8, Role.HOST, exp, hk, 1_000_000), 'another meeting');
  assert.ok(!signer.verify(7, Role.ATTENDEE, exp, hk, 1_000_000), 'another role');
  assert.ok(!signer.verify(7, Role.HOST, exp + 1, hk, 1_000_000), 'another expiry');
  assert.ok(!signer.verify(7, Role.HOST, exp, hk, exp + 1), 'expired');
  assert.ok(!signer.verify(7, Role.HOST, exp, undefined, 1_000_000), 'no signature');
  assert.ok(!new HostLinkSigner('t'.repeat(32)).verify(7, Role.HOST, exp, hk, 1_000_000), 'another secret');
});

test('no random signature verifies', () => {
  const signer = new HostLinkSigner('k'.repeat(32));
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e9 }), fc.string({ maxLength: 64 }), (id, hk) => !signer.verify(id, Role.HOST, 5_000, hk, 1_000)),
  );
});
