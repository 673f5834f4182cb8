/**
 * Runs a command inside a fresh network namespace with only `lo` up, so that tests with media can
 * reach nothing but loopback (DESIGN "LiveKit facts": outside one, Chromium and livekit-server also
 * pair over the machine's other addresses). Where no namespace can be made, the command is skipped
 * with a one-line reason; under CI=true that is a failure instead.
 *
 *   node --import tsx scripts/in-netns.ts <command> [args…]
 */
import { spawn, spawnSync } from 'node:child_process';
import { TEST_HOST_ADDRESS, VETH } from './livekit.js';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: in-netns.ts <command> [args…]');
  process.exit(2);
}

function passThrough(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env.IN_TEST_NETNS === '1') {
  passThrough(command[0]!, command.slice(1), process.env);
} else {
  // Which form of unshare works here: as root a plain one, otherwise a user namespace mapped to root.
  const forms = [['--net'], ['--user', '--map-root-user', '--net']];
  const usable = forms.find((flags) => spawnSync('unshare', [...flags, '--', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' }).status === 0);
  if (!usable) {
    const reason = 'cannot make a network namespace here (needs root or user namespaces, and iproute2)';
    if (process.env.CI === 'true') {
      console.error(`e2e: ${reason}; under CI this is a failure`);
      process.exit(1);
    }
    console.log(`e2e skipped: ${reason}`);
    process.exit(0);
  }
  // A veth pair with a test address: @livekit/rtc-node never gathers a loopback candidate (DESIGN
  // "LiveKit facts"). Both ends stay in this namespace; without veth support the tests that need it say so.
  // Firefox gathers no candidate at all without a default route: one into `lo` drops every stray
  // packet there, so nothing leaves the namespace still.
  const veth = `ip link add ${VETH} type veth peer name ${VETH}p && ip addr add ${TEST_HOST_ADDRESS}/24 dev ${VETH} && ip link set ${VETH} up && ip link set ${VETH}p up && ip route add default dev lo src ${TEST_HOST_ADDRESS}`;
  const script = `ip link set lo up && { ${veth} || true; } 2>/dev/null; exec "$@"`;
  passThrough('unshare', [...usable, '--', 'sh', '-c', script, 'sh', ...command], { ...process.env, IN_TEST_NETNS: '1' });
}
