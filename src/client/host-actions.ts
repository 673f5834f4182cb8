import { CONTROL_ACTIONS, actionBody, type ActionArgs, type ControlAction } from '../protocol/control-actions.js';
import type { WaitingPerson } from '../protocol/control.js';

/** Host and co-host actions, named after the registry's actions (DESIGN: `controller.host.mute(id)`). The server decides. */
export type HostActions = { readonly [N in ControlAction['action']]: (...args: ActionArgs<N>) => Promise<boolean> };

/** `host.*`, derived from the action registry: each method's arguments are its body's fields in order. */
export function hostActions(send: (action: ControlAction) => Promise<boolean>): HostActions {
  return Object.fromEntries(CONTROL_ACTIONS.map((name) => [name, (...args: unknown[]) => send(actionBody(name, args as never))])) as HostActions;
}
export type { WaitingPerson };
