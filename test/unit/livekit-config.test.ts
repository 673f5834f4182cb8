import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { test } from 'node:test';
import { livekitConfig, mediaAddress } from '../../scripts/livekit.js';

const base = { port: 7880, udpPorts: [50000, 50099] as [number, number], apiKey: 'APIk', apiSecret: 's'.repeat(40), departureTimeout: 20 };

test('the livekit-server config listens on loopback only', () => {
  const yaml = livekitConfig({ ...base, interfaces: ['lo'], nodeIp: '127.0.0.1', bindAddress: '127.0.0.1', webhookUrl: 'http://127.0.0.1:3000/livekit/webhook' });
  for (const line of [
    'bind_addresses: ["127.0.0.1"]',
    '  tcp_port: 0',
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    '    includes: ["lo"]',
    '  departure_timeout: 20',
    '  port_range_start: 50000',
    '    - "http://127.0.0.1:3000/livekit/webhook"',
  ]) {
    assert.ok(yaml.split('\n').includes(line), `missing: ${line}`);
  }
});

test('for Firefox and the LAN the config advertises a machine address and gathers on its interface', () => {
  const yaml = livekitConfig({ ...base, interfaces: ['lo', 'eth0'], nodeIp: '192.168.1.20', bindAddress: '0.0.0.0' }).split('\n');
  for (const line of ['bind_addresses: ["0.0.0.0"]', '  node_ip: 192.168.1.20', '    includes: ["lo","eth0"]', '  use_external_ip: false']) assert.ok(yaml.includes(line), `missing: ${line}`);
});

test("the media address is the machine's first outside IPv4 address, MEDIA_ADDRESS when set, and never one it does not have", async () => {
  const outside = Object.entries(networkInterfaces()).flatMap(([name, infos]) => (infos ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => ({ name, address: i.address })));
  const picked = await mediaAddress(undefined);
  if (outside[0]) assert.deepEqual(picked, { address: outside[0].address, interfaces: ['lo', outside[0].name] });
  else assert.deepEqual(picked, { address: '127.0.0.1', interfaces: ['lo'] });
  assert.deepEqual(await mediaAddress('127.0.0.1'), { address: '127.0.0.1', interfaces: ['lo'] });
  await assert.rejects(mediaAddress('203.0.113.254'), /not an address of this machine/);
});
