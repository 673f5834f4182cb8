/**
 * Why this browser cannot take part in a video meeting, or undefined when it can (issue 14): no
 * WebRTC (Debian's WebKitGTK), or no camera and microphone access, which browsers also withhold
 * from pages not on https:// (a LAN address over http).
 */
export function unsupportedReason(env: { navigator?: Navigator; isSecureContext?: boolean } = globalThis): string | undefined {
  if (typeof RTCPeerConnection === 'undefined' || !('addTransceiver' in RTCPeerConnection.prototype || 'addTrack' in RTCPeerConnection.prototype)) return 'This browser has no WebRTC (RTCPeerConnection)';
  if (typeof env.navigator?.mediaDevices?.getUserMedia !== 'function') {
    return env.isSecureContext === false ? 'The camera and microphone need a secure page (https://)' : 'This browser gives no access to a camera or microphone (getUserMedia)';
  }
  return undefined;
}
