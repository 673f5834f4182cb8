import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livekitConfig } from '../../scripts/livekit.js';

test('the livekit-server config listens on loopback only', () => {
  const yaml = livekitConfig({ port: 7880, udpPorts: [50000, 50099], apiKey: 'APIk', apiSecret: 's'.repeat(40), departureTimeout: 20, interfaces: ['lo'], webhookUrl: 'http://127.0.0.1:3000/livekit/webhook' });
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
