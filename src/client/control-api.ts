import type { ControlAction, SharePolicy, WaitingPerson } from '../protocol/control.js';

/** Host and co-host actions, named (DESIGN: `controller.host.mute(id)`). The server decides. */
export function hostActions(send: (action: ControlAction) => Promise<boolean>) {
  return {
    mute: (target: string) => send({ action: 'mute', target }),
    askUnmute: (target: string) => send({ action: 'askUnmute', target }),
    cameraOff: (target: string) => send({ action: 'cameraOff', target }),
    askCameraOn: (target: string) => send({ action: 'askCameraOn', target }),
    muteAll: (allowSelfOn: boolean) => send({ action: 'muteAll', allowSelfOn }),
    camerasOffAll: (allowSelfOn: boolean) => send({ action: 'camerasOffAll', allowSelfOn }),
    liftMuteAll: () => send({ action: 'liftMuteAll' }),
    liftCamerasOff: () => send({ action: 'liftCamerasOff' }),
    remove: (target: string) => send({ action: 'remove', target }),
    lock: (locked: boolean) => send({ action: 'lock', locked }),
    setRole: (target: string, role: 'cohost' | 'attendee' | 'speaker' | 'audience') => send({ action: 'setRole', target, role }),
    transferHost: (target: string) => send({ action: 'transferHost', target }),
    claimHost: () => send({ action: 'claimHost' }),
    lowerHand: (target: string) => send({ action: 'lowerHand', target }),
    lowerAllHands: () => send({ action: 'lowerAllHands' }),
    spotlight: (target: string | null) => send({ action: 'spotlight', target }),
    sharePolicy: (policy: SharePolicy) => send({ action: 'sharePolicy', policy }),
    approveShare: (target: string, approve: boolean) => send({ action: 'approveShare', target, approve }),
    stopShare: (target: string) => send({ action: 'stopShare', target }),
    stageCap: (cap: number) => send({ action: 'stageCap', cap }),
    waitingRoom: (on: boolean) => send({ action: 'waitingRoom', on }),
    admit: (target: string) => send({ action: 'admit', target }),
    admitAll: () => send({ action: 'admitAll' }),
    reject: (target: string) => send({ action: 'reject', target }),
    end: () => send({ action: 'end' }),
    renameMeeting: (subject: string) => send({ action: 'renameMeeting', subject }),
    renamePerson: (target: string, name: string) => send({ action: 'renamePerson', target, name }),
  };
}
export type HostActions = ReturnType<typeof hostActions>;
export type { WaitingPerson };
